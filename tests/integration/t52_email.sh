#!/usr/bin/env bash
# The email sink against a local SMTP server that insists on STARTTLS: the
# edition arrives encrypted, to every recipient, as text and HTML
# alternatives with a UTF-8 subject; an untrusted certificate is refused.
. "$(dirname "$0")/lib.sh"
require_services

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
	-addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
	-keyout "$work/key.pem" -out "$work/cert.pem" >/dev/null 2>&1 || fail "openssl failed"
mkdir -p "$work/mail"
python3 "$TOP/tests/scaffold/smtp_server.py" "$work/cert.pem" "$work/key.pem" "$work/mail" \
	"$work/smtpport" >/dev/null 2>"$work/smtp.log" &
pids+=($!)
wait_until 10 test -f "$work/smtpport" || fail "SMTP server did not start"
sp=$(cat "$work/smtpport")

cfg="$work/precis.yml"
write_config 1 "$cfg"
cat >>"$cfg" <<YML
sinks:
  - type: email
    url: "smtp://127.0.0.1:$sp"
    from: digest@precis.example
    to: [alice@example.com, bob@example.com]
    ca_file: cert.pem
YML
# ca_file is relative to the configuration file's folder ($work), not to the current one.
flags=(--config "$cfg" --publisher.title=AI\ 产业日报 --publisher.retry_backoff_ms=50)

start publisher precis-publisher "${flags[@]}"
feed_summaries "$ns.summaries"
precis lag "${flags[@]}" --wait 120 >/dev/null || fail "the publisher did not take every summary"
precis digest publish --now "${flags[@]}" >"$work/publish.out" 2>"$work/publish.log" ||
	fail "publish failed: $(tail -3 "$work/publish.log")"
edition=$(sed -n 's/^published edition \([^:]*\):.*/\1/p' "$work/publish.out")
grep -q "delivered to sink email" "$work/publish.log" || fail "email not delivered: $(tail -5 "$work/publish.log")"

python3 - "$work/mail" "$edition" <<'PY' || fail "the message is wrong"
import email, email.policy, json, os, sys
d, edition = sys.argv[1], sys.argv[2]
assert sorted(os.listdir(d)) == ["1.eml", "1.json"], os.listdir(d)
env = json.load(open(os.path.join(d, "1.json")))
assert env["tls"] is True
assert env["from"] == "<digest@precis.example>", env
assert env["to"] == ["<alice@example.com>", "<bob@example.com>"], env
msg = email.message_from_bytes(open(os.path.join(d, "1.eml"), "rb").read(), policy=email.policy.default)
assert msg["Subject"] == "AI 产业日报 " + edition, msg["Subject"]
assert msg["X-Precis-Edition"] == edition
alt = [p for p in msg.walk() if p.get_content_type() == "multipart/alternative"]
assert alt, "no multipart/alternative"
types = [p.get_content_type() for p in alt[0].iter_parts()]
assert types == ["text/plain", "text/html"], types
text = alt[0].get_body(("plain",)).get_content()
html = alt[0].get_body(("html",)).get_content()
assert "Cobalt Compute" in text and "<article" in html
assert "&lt;script&gt;" in html and "<script>" not in html
PY

# A certificate we do not trust: refused, not retried, dead-lettered.
sed -i "s|ca_file: .*|ca_file: /etc/ssl/certs/ca-certificates.crt|" "$cfg"
feed_summaries "$ns.summaries" # the same articles: already published, nothing new
python3 - "$TOP/tests/fixtures/digest/summaries.jsonl" >"$work/new.tsv" <<'PY'
import json, sys
d = json.loads(open(sys.argv[1], encoding="utf-8").readline())
d["id"] = "e" * 32
d["url"] = "https://tensor-ledger.example/a-new-story.html"
print(d["id"] + "\t" + json.dumps(d, ensure_ascii=False))
PY
kcat -b "$TEST_KAFKA_BOOTSTRAP" -P -t "$ns.summaries" -K '	' <"$work/new.tsv"
precis lag "${flags[@]}" --wait 120 >/dev/null || fail "the publisher did not take the new summary"
precis digest publish --now "${flags[@]}" >"$work/publish2.out" 2>"$work/publish2.log" ||
	fail "second publish failed: $(tail -3 "$work/publish2.log")"
grep -q "sink email refuses it for good: SMTP: .*" "$work/publish2.log" ||
	fail "an untrusted certificate was not refused: $(tail -5 "$work/publish2.log")"
[ "$(ls "$work/mail" | wc -l)" = 2 ] || fail "a message was sent over an untrusted connection"
kcat -b "$TEST_KAFKA_BOOTSTRAP" -C -t "$ns.deadletter" -e -q -f '%s\n' | grep -q '"topic":"sink:email"' ||
	fail "no dead letter for the refused email"
echo "email: STARTTLS, two recipients, text and HTML; untrusted certificate refused"
