"""s2n._config: Config (``struct s2n_config``) and CertChain
(``struct s2n_cert_chain_and_key``)."""

from __future__ import annotations

import os
from typing import Any, Callable, Iterable, List, Optional, Union

from . import _lifecycle, capi

__all__ = ["Config", "CertChain", "PathOrPem"]

#: A file name (str or os.PathLike), or PEM data (bytes, bytearray, memoryview).
PathOrPem = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview]


def _read_pem(source: PathOrPem) -> bytes:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source)
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as f:
            return f.read()
    raise TypeError(f"expected a path or PEM bytes, not {type(source).__name__}")


class CertChain:
    """A certificate chain (leaf first) with its private key.

    Usually made for you by :meth:`Config.load_cert_chain`.  A chain may be
    shared by several configs; it is freed after the last of them.
    """

    _close_order = 2  # closed at exit after connections

    def __init__(self, cert: PathOrPem, key: Optional[PathOrPem] = None) -> None:
        """Load a PEM chain and its PEM private key, each from a file name or
        from bytes.  With ``key`` None the key is read from the chain's own
        PEM data.

        Raises:
            s2n.Error: the PEM data is invalid, or the key does not match the
                leaf certificate (S2N_ERR_KEY_MISMATCH).
        """
        chain_pem = _read_pem(cert)
        key_pem = chain_pem if key is None else _read_pem(key)
        self._users = 0  # configs serving this chain
        self._ptr: Any = capi.s2n_cert_chain_and_key_new()
        _lifecycle.track(self)
        capi.s2n_cert_chain_and_key_load_pem_bytes(self._ptr, chain_pem, key_pem)

    def close(self) -> None:
        """Free the chain now.

        Raises:
            ValueError: a config that is not closed still uses the chain.
        """
        if getattr(self, "_users", 0) > 0:
            raise ValueError("the certificate chain is still used by a config")
        ptr, self._ptr = getattr(self, "_ptr", None), None
        if ptr is not None and _lifecycle.alive():
            capi.s2n_cert_chain_and_key_free(ptr)

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass


class Config:
    """A configuration shared by connections (``struct s2n_config``).

    A new Config uses the security policy ``"default"`` and trusts the
    system's CA certificates (``minimal=True``: trusts nothing until
    :meth:`load_verify_locations`).  A Config must outlive its connections;
    :class:`s2n.Connection` keeps a reference to it, so this happens by itself.

    Example::

        config = s2n.Config(policy="default_tls13")
        config.load_verify_locations(cafile="ca.pem")
    """

    _close_order = 1  # closed at exit after connections

    def __init__(self, *, policy: Optional[str] = None, minimal: bool = False,
                 alpn_protocols: Optional[Iterable[Union[str, bytes]]] = None,
                 max_blinding_delay: Optional[int] = None,
                 session_tickets: Optional[bool] = None) -> None:
        """Create a config; each keyword sets the property of the same name.

        Raises:
            s2n.UsageError: unknown policy (S2N_ERR_INVALID_SECURITY_POLICY).
        """
        self._chains: List[CertChain] = []
        self._ptr: Any = capi.s2n_config_new_minimal() if minimal else capi.s2n_config_new()
        _lifecycle.track(self)
        self._policy: Optional[str] = None
        self._alpn: List[str] = []
        self._verify_host: Optional[Callable[[str], bool]] = None
        self._key_log: Optional[Callable[[bytes], Any]] = None
        self._blinding_delay: Optional[int] = None
        self._tickets: Optional[bool] = None
        if policy is not None:
            self.policy = policy
        if alpn_protocols is not None:
            self.alpn_protocols = alpn_protocols
        if max_blinding_delay is not None:
            self.max_blinding_delay = max_blinding_delay
        if session_tickets is not None:
            self.session_tickets = session_tickets

    # -- lifetime -----------------------------------------------------------
    @property
    def ptr(self) -> Any:
        """The underlying ``struct s2n_config *`` for s2n.capi calls."""
        if self._ptr is None:
            raise ValueError("the config is closed")
        return self._ptr

    def close(self) -> None:
        """Free the config now.  Fails with s2n.UsageError
        (S2N_ERR_CONFIG_IN_USE) while a connection still uses it."""
        ptr = getattr(self, "_ptr", None)
        if ptr is None:
            return
        if _lifecycle.alive():
            capi.s2n_config_free(ptr)
        self._ptr = None
        # Chains are freed by their own finalizer once no config holds them.
        for chain in self._chains:
            chain._users -= 1
        self._chains = []

    def __enter__(self) -> "Config":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass

    # -- policy -------------------------------------------------------------
    @property
    def policy(self) -> Optional[str]:
        """The security policy name set here (None: the library default)."""
        return self._policy

    @policy.setter
    def policy(self, name: str) -> None:
        capi.s2n_config_set_cipher_preferences(self.ptr, name)
        self._policy = name

    # -- certificates -------------------------------------------------------
    def load_cert_chain(self, cert: Union[PathOrPem, CertChain], key: Optional[PathOrPem] = None) -> CertChain:
        """Serve (server) or present (client) this certificate chain.

        ``cert`` and ``key`` are file names or PEM bytes; with ``key`` None
        the key is taken from ``cert``.  ``cert`` may also be a
        :class:`CertChain` already loaded (shared between configs).  Call
        once per chain; a server picks one by SNI.

        Returns:
            the :class:`CertChain`, kept alive by this config.
        """
        chain = cert if isinstance(cert, CertChain) else CertChain(cert, key)
        if chain._ptr is None:
            raise ValueError("the certificate chain is closed")
        capi.s2n_config_add_cert_chain_and_key_to_store(self.ptr, chain._ptr)
        self._chains.append(chain)
        chain._users += 1
        return chain

    def load_verify_locations(self, cafile: Optional[Union[str, "os.PathLike[str]"]] = None,
                              capath: Optional[Union[str, "os.PathLike[str]"]] = None,
                              cadata: Optional[Union[str, bytes]] = None) -> None:
        """Trust the CA certificates of a PEM file, of a hashed directory
        (``c_rehash``), and/or of PEM data."""
        if cafile is None and capath is None and cadata is None:
            raise TypeError("cafile, capath and cadata cannot be all omitted")
        if cafile is not None or capath is not None:
            capi.s2n_config_set_verification_ca_location(self.ptr, cafile, capath)
        if cadata is not None:
            if isinstance(cadata, (bytes, bytearray)):
                cadata = bytes(cadata).decode("ascii")
            capi.s2n_config_add_pem_to_trust_store(self.ptr, cadata)

    def load_system_certs(self) -> None:
        """Trust the system's CA certificates (fails if already loaded)."""
        capi.s2n_config_load_system_certs(self.ptr)

    def wipe_trust_store(self) -> None:
        """Trust nothing, system CAs included."""
        capi.s2n_config_wipe_trust_store(self.ptr)

    def disable_verification(self) -> None:
        """Accept any peer certificate, unverified.  For tests only."""
        capi.s2n_config_disable_x509_verification(self.ptr)

    @property
    def verify_host(self) -> Optional[Callable[[str], bool]]:
        """Host name check: ``verify_host(name) -> bool`` is called with each
        DNS name and IP address of the peer's certificate; any True accepts
        the certificate.  An exception it raises fails the handshake and is
        raised again from :meth:`s2n.Connection.negotiate`.  None restores
        the default check (the name given by ``server_name``)."""
        return self._verify_host

    @verify_host.setter
    def verify_host(self, callback: Optional[Callable[[str], bool]]) -> None:
        capi.s2n_py_config_set_verify_host_callback(self.ptr, callback)
        self._verify_host = callback

    @property
    def key_log(self) -> Optional[Callable[[bytes], Any]]:
        """``key_log(line: bytes)`` receives each NSS key log line (for
        Wireshark); None turns key logging off."""
        return self._key_log

    @key_log.setter
    def key_log(self, callback: Optional[Callable[[bytes], Any]]) -> None:
        capi.s2n_py_config_set_key_log_callback(self.ptr, callback)
        self._key_log = callback

    # -- other settings -----------------------------------------------------
    @property
    def alpn_protocols(self) -> List[str]:
        """The ALPN protocols, most preferred first."""
        return list(self._alpn)

    @alpn_protocols.setter
    def alpn_protocols(self, protocols: Iterable[Union[str, bytes]]) -> None:
        names = [p.decode("ascii") if isinstance(p, (bytes, bytearray)) else str(p) for p in protocols]
        capi.s2n_config_set_protocol_preferences(self.ptr, names)
        self._alpn = names

    @property
    def max_blinding_delay(self) -> Optional[int]:
        """Upper bound in seconds of the delay after a failure (0 disables
        blinding; None: the library default of 30 s)."""
        return self._blinding_delay

    @max_blinding_delay.setter
    def max_blinding_delay(self, seconds: int) -> None:
        capi.s2n_config_set_max_blinding_delay(self.ptr, int(seconds))
        self._blinding_delay = int(seconds)

    @property
    def session_tickets(self) -> Optional[bool]:
        """Whether a server sends session tickets (None: the library default)."""
        return self._tickets

    @session_tickets.setter
    def session_tickets(self, enabled: bool) -> None:
        capi.s2n_config_set_session_tickets_onoff(self.ptr, 1 if enabled else 0)
        self._tickets = bool(enabled)
