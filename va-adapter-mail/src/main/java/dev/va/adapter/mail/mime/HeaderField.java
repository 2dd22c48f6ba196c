package dev.va.adapter.mail.mime;

/** One unfolded header field as it stood in the message: name in its original case, value not yet RFC 2047 decoded. */
record HeaderField(String name, String value) {}
