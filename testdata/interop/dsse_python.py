"""An independent DSSE implementation on Python's `cryptography` (Debian's python3-cryptography),
used to make and check interoperability fixtures for verifier. Not part of the product.

  dsse_python.py make OUTDIR      keys, an update file and a Python-signed statement envelope
  dsse_python.py check ENV PUB    verify an envelope (made by verifier) with Python alone
"""
import base64
import hashlib
import json
import sys
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519


def pae(payload_type: str, payload: bytes) -> bytes:
    t = payload_type.encode("utf-8")
    return b"DSSEv1 %d %s %d %s" % (len(t), t, len(payload), payload)


def make(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    update = out / "rules-python.tar.gz"
    update.write_bytes(b"a rules bundle signed by an independent implementation\n")
    data = update.read_bytes()
    statement = {
        "_type": "https://in-toto.io/Statement/v1",
        "subject": [{"name": update.name, "digest": {
            "sha256": hashlib.sha256(data).hexdigest(),
            "sha512": hashlib.sha512(data).hexdigest()}}],
        "predicateType": "urn:opentransparency:update:v1",
        "predicate": {"role": "threat-rules", "version": 42,
                      "issuedAt": "2026-11-20T00:00:00Z", "expiresAt": "2026-12-20T00:00:00Z"},
    }
    # Compact separators and a non-ASCII publisher note: PAE lengths are UTF-8 byte counts.
    statement["predicate"]["note"] = "signé à Zürich"
    payload = json.dumps(statement, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    ptype = "application/vnd.in-toto+json"
    (out / "pae-python.bin").write_bytes(pae(ptype, payload))

    ed = ed25519.Ed25519PrivateKey.generate()
    p256 = ec.generate_private_key(ec.SECP256R1())
    sigs = []
    for name, key in (("ed25519", ed), ("p256", p256)):
        pub = key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        (out / f"python-{name}.pub").write_bytes(pub)
        der = key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
        key_id = hashlib.sha256(der).hexdigest()
        if name == "ed25519":
            sig = key.sign(pae(ptype, payload))
        else:
            sig = key.sign(pae(ptype, payload), ec.ECDSA(hashes.SHA256()))
        # URL-safe base64 without padding for one of them: DSSE allows both encodings.
        enc = (base64.urlsafe_b64encode(sig).rstrip(b"=") if name == "p256"
               else base64.b64encode(sig)).decode("ascii")
        sigs.append({"keyid": key_id, "sig": enc})
        priv = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption())
        (out / f"python-{name}.key").write_bytes(priv)
    envelope = {"payloadType": ptype, "payload": base64.b64encode(payload).decode("ascii"),
                "signatures": sigs}
    (out / (update.name + ".dsse")).write_text(json.dumps(envelope, indent=2) + "\n")


def check(env_path: Path, pub_path: Path) -> None:
    env = json.loads(env_path.read_text())
    payload = base64.b64decode(env["payload"])
    key = serialization.load_pem_public_key(pub_path.read_bytes())
    message = pae(env["payloadType"], payload)
    ok = 0
    for s in env["signatures"]:
        sig = base64.b64decode(s["sig"] + "=" * (-len(s["sig"]) % 4))
        try:
            if isinstance(key, ed25519.Ed25519PublicKey):
                key.verify(sig, message)
            else:
                key.verify(sig, message, ec.ECDSA(hashes.SHA256()))
            ok += 1
        except Exception:
            pass
    statement = json.loads(payload)
    print(f"{env_path.name}: {ok} of {len(env['signatures'])} signatures verify with "
          f"{pub_path.name}; subject {statement['subject'][0]['name']} "
          f"role {statement['predicate']['role']}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(Path(sys.argv[2]))
    else:
        check(Path(sys.argv[2]), Path(sys.argv[3]))
