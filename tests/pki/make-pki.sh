#!/bin/sh
# make-pki.sh: (re)generate the test PKI used by libs2n's unit and handshake
# tests.  Needs only the openssl command line tool (3.0 or later).
#
#   tests/pki/make-pki.sh [output-dir]     (default: the script's directory)
#
# File names are fixed; contents (keys, serials) change on every run.  Every
# certificate is valid from 2020 to 2120 except the deliberately expired and
# not-yet-valid ones.  Private keys are written as PKCS#8 PEM.  See README.
set -eu

OPENSSL=${OPENSSL:-openssl}
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
mkdir -p "$out"
cd "$out"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

serial() {
    "$OPENSSL" rand -hex 8
}

# genkey <type> <outfile>: type is p256 p384 p521 rsa2048 rsapss2048 ed25519
genkey() {
    case "$1" in
    p256) "$OPENSSL" genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -pkeyopt ec_param_enc:named_curve -out "$2" ;;
    p384) "$OPENSSL" genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -pkeyopt ec_param_enc:named_curve -out "$2" ;;
    p521) "$OPENSSL" genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-521 -pkeyopt ec_param_enc:named_curve -out "$2" ;;
    rsa2048) "$OPENSSL" genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$2" ;;
    rsapss2048) "$OPENSSL" genpkey -quiet -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out "$2" ;;
    ed25519) "$OPENSSL" genpkey -quiet -algorithm ED25519 -out "$2" ;;
    *) echo "unknown key type $1" >&2; exit 1 ;;
    esac
}

# Extension sections, one file for all of them.
cat > "$work/ext.cnf" <<'EOF'
[v3_ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[v3_server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, DNS:*.example.com, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[v3_server_ed]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, DNS:*.example.com, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[v3_client]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectAltName = DNS:client.example.com
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF

# sign <csr> <issuer-cert|-> <issuer-key> <section> <startdate> <enddate> <out>:
# issue a certificate with "openssl ca" (the only 3.0 command that takes
# explicit validity dates).  Issuer "-" means self-signed.  Every call gets a
# throw-away CA database.
sign() {
    d=$(mktemp -d "$work/ca.XXXXXX")
    mkdir -p "$d/new"
    : > "$d/index.txt"
    serial > "$d/serial"
    cat > "$d/ca.cnf" <<EOF2
[ca]
default_ca = testca
[testca]
dir = $d
database = $d/index.txt
new_certs_dir = $d/new
serial = $d/serial
default_md = sha256
policy = anything
unique_subject = no
copy_extensions = none
preserve = yes
[anything]
organizationName = optional
commonName = supplied
EOF2
    cat "$work/ext.cnf" >> "$d/ca.cnf"
    if [ "$2" = "-" ]; then
        set -- "$1" -selfsign "$3" "$4" "$5" "$6" "$7"
    else
        set -- "$1" "-cert $2" "$3" "$4" "$5" "$6" "$7"
    fi
    # shellcheck disable=SC2086
    "$OPENSSL" ca -batch -notext -config "$d/ca.cnf" $2 -keyfile "$3" -startdate "$5" -enddate "$6" \
        -extensions "v3_$4" -in "$1" -out "$7" 2>"$d/log" || { cat "$d/log" >&2; exit 1; }
}

# Validity of every normal certificate: backdated so that a skewed clock
# does not make them "not yet valid", and good for 100 years.
from=20200101000000Z
until=21200101000000Z

# make_ca <name> <keytype> <subject>: self-signed root
make_ca() {
    genkey "$2" "$1-key.pem"
    "$OPENSSL" req -new -key "$1-key.pem" -subj "$3" -out "$work/$1.csr"
    sign "$work/$1.csr" - "$1-key.pem" ca $from $until "$1-cert.pem"
}

# make_leaf <name> <keytype> <ca> <section> <subject> [start end]: writes
# <name>-key.pem and <name>-chain.pem (leaf followed by the CA certificate).
make_leaf() {
    genkey "$2" "$1-key.pem"
    "$OPENSSL" req -new -key "$1-key.pem" -subj "$5" -out "$work/$1.csr"
    sign "$work/$1.csr" "$3-cert.pem" "$3-key.pem" "$4" "${6:-$from}" "${7:-$until}" "$work/$1-cert.pem"
    cat "$work/$1-cert.pem" "$3-cert.pem" > "$1-chain.pem"
}

# Roots.
make_ca ca-ecdsa p256 "/O=libs2n test/CN=libs2n test ECDSA root"
make_ca ca-rsa rsa2048 "/O=libs2n test/CN=libs2n test RSA root"
make_ca untrusted-ca p256 "/O=libs2n untrusted/CN=libs2n untrusted root"

# Server leaves.
make_leaf server-ecdsa-p256 p256 ca-ecdsa server "/O=libs2n test/CN=localhost"
make_leaf server-ecdsa-p384 p384 ca-ecdsa server "/O=libs2n test/CN=localhost"
make_leaf server-ecdsa-p521 p521 ca-ecdsa server "/O=libs2n test/CN=localhost"
make_leaf server-rsa-2048 rsa2048 ca-rsa server "/O=libs2n test/CN=localhost"
make_leaf server-rsa-pss-2048 rsapss2048 ca-rsa server_ed "/O=libs2n test/CN=localhost"
make_leaf server-ed25519 ed25519 ca-ecdsa server_ed "/O=libs2n test/CN=localhost"

# Client leaf.
make_leaf client-ecdsa-p256 p256 ca-ecdsa client "/O=libs2n test/CN=client.example.com"

# Negative cases.
make_leaf server-expired-ecdsa p256 ca-ecdsa server "/O=libs2n test/CN=localhost" 20000101000000Z 20010101000000Z
make_leaf server-notyetvalid-ecdsa p256 ca-ecdsa server "/O=libs2n test/CN=localhost" 21000101000000Z 21010101000000Z
make_leaf server-untrusted-ecdsa p256 untrusted-ca server "/O=libs2n untrusted/CN=localhost"
rm -f untrusted-ca-key.pem

# The same keys in the traditional (non-PKCS#8) PEM formats, for parser tests.
"$OPENSSL" pkey -in server-rsa-2048-key.pem -traditional -out server-rsa-2048-key-traditional.pem
"$OPENSSL" pkey -in server-ecdsa-p256-key.pem -traditional -out server-ecdsa-p256-key-traditional.pem

# A chain whose key file belongs to another certificate.
cp server-ecdsa-p256-chain.pem server-mismatch-ecdsa-chain.pem
genkey p256 server-mismatch-ecdsa-key.pem

# A three-level chain: leaf <- intermediate <- ECDSA root.
genkey p256 "$work/int-key.pem"
"$OPENSSL" req -new -key "$work/int-key.pem" -subj "/O=libs2n test/CN=libs2n test ECDSA intermediate" -out "$work/int.csr"
sign "$work/int.csr" ca-ecdsa-cert.pem ca-ecdsa-key.pem ca $from $until "$work/int-cert.pem"
genkey p256 server-intermediate-ecdsa-key.pem
"$OPENSSL" req -new -key server-intermediate-ecdsa-key.pem -subj "/O=libs2n test/CN=localhost" -out "$work/sint.csr"
sign "$work/sint.csr" "$work/int-cert.pem" "$work/int-key.pem" server $from $until "$work/sint-cert.pem"
cat "$work/sint-cert.pem" "$work/int-cert.pem" ca-ecdsa-cert.pem > server-intermediate-ecdsa-chain.pem

echo "test PKI written to $out"
