package dev.va.application.auth;

/** What a successful login or refresh returns to the client. */
public record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn) {}
