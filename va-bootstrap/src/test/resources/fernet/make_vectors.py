"""Makes vectors.json: Fernet tokens produced by Python's `cryptography` with fixed keys, times and IVs.

Run from this folder with Debian's python3-cryptography: /usr/bin/python3 make_vectors.py > vectors.json
The output is deterministic; FernetInteropVectorsTest checks that va reproduces every token and reads it back.
"""
import base64
import json
import cryptography
from cryptography.fernet import Fernet

CASES = [
    ("", 0),
    ("a", 1),
    ("fifteen bytes!!", 1_000_000_000),
    ("sixteen bytes!!!", 1_700_000_000),
    ("seventeen bytes!!", 1_700_000_001),
    ("pässwörd ключ 鍵 🔑", 2_000_000_000),
    ("ya29.a0AfH6SM" + "x" * 200, 4_102_444_800),
]

vectors = []
for i, (src, ts) in enumerate(CASES):
    key = base64.urlsafe_b64encode(bytes((7 * i + j) % 256 for j in range(32)))
    iv = bytes((31 * i + 3 * j) % 256 for j in range(16))
    token = Fernet(key)._encrypt_from_parts(src.encode("utf-8"), ts, iv)
    assert Fernet(key).decrypt(token) == src.encode("utf-8")
    vectors.append({"secret": key.decode(), "timestamp": ts, "iv": list(iv), "src": src, "token": token.decode()})

lines = ",\n".join("    " + json.dumps(v, ensure_ascii=False) for v in vectors)
print('{\n  "generator": "python cryptography %s",\n  "vectors": [\n%s\n  ]\n}' % (cryptography.__version__, lines))
