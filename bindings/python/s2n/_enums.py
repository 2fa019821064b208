"""s2n._enums: the constants and enums of s2n.h as IntEnums.

The values come from the extension (s2n.capi), so they always match the
library the package was built with.
"""

from __future__ import annotations

from enum import IntEnum

from . import capi

__all__ = [
    "Mode",
    "ErrorType",
    "BlockedStatus",
    "ProtocolVersion",
    "Blinding",
    "PeerKeyUpdate",
    "FipsMode",
    "SignatureAlgorithm",
    "HashAlgorithm",
]


class Mode(IntEnum):
    """Which end of a connection this is (``s2n_mode``)."""

    SERVER = capi.S2N_SERVER
    CLIENT = capi.S2N_CLIENT


class ErrorType(IntEnum):
    """Categories of error codes (``s2n_error_type``)."""

    OK = capi.S2N_ERR_T_OK
    IO = capi.S2N_ERR_T_IO
    CLOSED = capi.S2N_ERR_T_CLOSED
    BLOCKED = capi.S2N_ERR_T_BLOCKED
    ALERT = capi.S2N_ERR_T_ALERT
    PROTO = capi.S2N_ERR_T_PROTO
    INTERNAL = capi.S2N_ERR_T_INTERNAL
    USAGE = capi.S2N_ERR_T_USAGE


class BlockedStatus(IntEnum):
    """What a blocked call waits for (``s2n_blocked_status``)."""

    NOT_BLOCKED = capi.S2N_NOT_BLOCKED
    BLOCKED_ON_READ = capi.S2N_BLOCKED_ON_READ
    BLOCKED_ON_WRITE = capi.S2N_BLOCKED_ON_WRITE
    BLOCKED_ON_APPLICATION_INPUT = capi.S2N_BLOCKED_ON_APPLICATION_INPUT
    BLOCKED_ON_EARLY_DATA = capi.S2N_BLOCKED_ON_EARLY_DATA


class ProtocolVersion(IntEnum):
    """Protocol versions as the version getters report them (``S2N_TLS13`` ...)."""

    UNKNOWN = capi.S2N_UNKNOWN_PROTOCOL_VERSION
    SSLv2 = capi.S2N_SSLv2
    SSLv3 = capi.S2N_SSLv3
    TLS10 = capi.S2N_TLS10
    TLS11 = capi.S2N_TLS11
    TLS12 = capi.S2N_TLS12
    TLS13 = capi.S2N_TLS13


class Blinding(IntEnum):
    """Who waits out the delay after a failure (``s2n_blinding``)."""

    BUILT_IN = capi.S2N_BUILT_IN_BLINDING
    SELF_SERVICE = capi.S2N_SELF_SERVICE_BLINDING


class PeerKeyUpdate(IntEnum):
    """Whether a KeyUpdate asks the peer to update too (``s2n_peer_key_update``)."""

    NOT_REQUESTED = capi.S2N_KEY_UPDATE_NOT_REQUESTED
    REQUESTED = capi.S2N_KEY_UPDATE_REQUESTED


class FipsMode(IntEnum):
    """Whether a FIPS-validated libcrypto is in use (``s2n_fips_mode``)."""

    DISABLED = capi.S2N_FIPS_MODE_DISABLED
    ENABLED = capi.S2N_FIPS_MODE_ENABLED


class SignatureAlgorithm(IntEnum):
    """Signature algorithms (``s2n_tls_signature_algorithm``)."""

    ANONYMOUS = capi.S2N_TLS_SIGNATURE_ANONYMOUS
    RSA = capi.S2N_TLS_SIGNATURE_RSA
    ECDSA = capi.S2N_TLS_SIGNATURE_ECDSA
    MLDSA = capi.S2N_TLS_SIGNATURE_MLDSA
    RSA_PSS_RSAE = capi.S2N_TLS_SIGNATURE_RSA_PSS_RSAE
    RSA_PSS_PSS = capi.S2N_TLS_SIGNATURE_RSA_PSS_PSS


class HashAlgorithm(IntEnum):
    """Hash algorithms (``s2n_tls_hash_algorithm``)."""

    NONE = capi.S2N_TLS_HASH_NONE
    MD5 = capi.S2N_TLS_HASH_MD5
    SHA1 = capi.S2N_TLS_HASH_SHA1
    SHA224 = capi.S2N_TLS_HASH_SHA224
    SHA256 = capi.S2N_TLS_HASH_SHA256
    SHA384 = capi.S2N_TLS_HASH_SHA384
    SHA512 = capi.S2N_TLS_HASH_SHA512
    MD5_SHA1 = capi.S2N_TLS_HASH_MD5_SHA1
