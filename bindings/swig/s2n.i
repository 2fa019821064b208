/*
 * bindings/swig/s2n.i: the SWIG interface of libs2n.
 *
 * Every language binding is generated from this file.  It %includes the one
 * public header, s2n.h, so each function the library declares is wrapped
 * without edits here; this file only adds what makes the result safe to
 * call from a managed language:
 *
 *  - failures (-1 / NULL with s2n_errno set) become exceptions that carry
 *    the error code, its type, name, English text and debug location;
 *  - byte buffers go in through the buffer protocol (bytes, bytearray,
 *    memoryview, ...) with a length guard, and come out as bytes;
 *  - out-parameters (s2n_blocked_status *, file descriptors, names, ...)
 *    become return values;
 *  - the calls that can block (negotiate, send, recv, shutdown) release the
 *    interpreter lock;
 *  - Python callables can serve as the transport callbacks, the host name
 *    check and the key log callback.  An exception raised inside one comes
 *    back out of the C call that triggered the callback.
 *
 * The Python module generated from here is s2n.capi (loading the extension
 * s2n._s2n); the hand-written package s2n builds the Pythonic layer on it.
 */
%module(package="s2n", threads="1") capi

#if defined(SWIGPYTHON)

%begin %{
/* Py_ssize_t lengths for the "#" formats, as Python 3.10+ requires. */
#define PY_SSIZE_T_CLEAN
%}

%{
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <sys/uio.h>

#include "s2n.h"
%}

/* Only the calls that can wait on the network release the interpreter lock
 * (and nothing takes it back but the callbacks, which use PyGILState). */
%nothreadblock;
%nothreadallow;
%threadallow s2n_negotiate;
%threadallow s2n_send;
%threadallow s2n_sendv;
%threadallow s2n_sendv_with_offset;
%threadallow s2n_recv;
%threadallow s2n_shutdown;
%threadallow s2n_shutdown_send;

/* ------------------------------------------------------------------------
 * Per-thread call state: errors and exceptions raised by callbacks.
 * ------------------------------------------------------------------------ */
%{
/* Arguments of the wrapped call in progress on this thread, recorded by the
 * check typemaps just before the call and moved into the call's frame. */
typedef struct {
    struct s2n_connection *conn;
    s2n_blocked_status *blocked;
} s2n_py_args;

/* What a failed call left behind, captured right after it returned. */
typedef struct {
    int code;
    int sys_errno;
    int blocked;
    struct s2n_connection *conn;
} s2n_py_outcome;

static __thread s2n_py_args s2n_py_pending;
static __thread s2n_py_outcome s2n_py_last;
/* Error code of the last failed call (for s2n_py_errno()). */
static __thread int s2n_py_last_error;

/* An exception raised inside a callback, kept until the C call that invoked
 * the callback returns, then raised from it. */
#if PY_VERSION_HEX >= 0x030C0000
static __thread PyObject *s2n_py_stash;
#else
static __thread PyObject *s2n_py_stash_type, *s2n_py_stash_value, *s2n_py_stash_tb;
#endif

/* s2n._errors.from_c(code, type, name, message, debug, sys_errno, blocked, alert) */
static PyObject *s2n_py_error_factory = NULL;

static s2n_py_args s2n_py_take_args(void)
{
    s2n_py_args args = s2n_py_pending;
    s2n_py_pending.conn = NULL;
    s2n_py_pending.blocked = NULL;
    return args;
}

static int s2n_py_stash_pending(void)
{
#if PY_VERSION_HEX >= 0x030C0000
    return s2n_py_stash != NULL;
#else
    return s2n_py_stash_type != NULL;
#endif
}

/* Keep the current Python exception for later (the first one wins). */
static void s2n_py_stash_exception(void)
{
    if (s2n_py_stash_pending()) {
        PyErr_Clear();
        return;
    }
#if PY_VERSION_HEX >= 0x030C0000
    s2n_py_stash = PyErr_GetRaisedException();
#else
    PyErr_Fetch(&s2n_py_stash_type, &s2n_py_stash_value, &s2n_py_stash_tb);
#endif
}

/* Raise the stashed exception, if any.  @return 1 if one was raised. */
static int s2n_py_raise_stashed(void)
{
    if (!s2n_py_stash_pending()) {
        return 0;
    }
#if PY_VERSION_HEX >= 0x030C0000
    PyErr_SetRaisedException(s2n_py_stash);
    s2n_py_stash = NULL;
#else
    PyErr_Restore(s2n_py_stash_type, s2n_py_stash_value, s2n_py_stash_tb);
    s2n_py_stash_type = s2n_py_stash_value = s2n_py_stash_tb = NULL;
#endif
    return 1;
}

static void s2n_py_after_call(const s2n_py_args *args, int sys_errno)
{
    s2n_py_last.code = s2n_errno;
    s2n_py_last.sys_errno = sys_errno;
    s2n_py_last.blocked = args->blocked ? (int) *args->blocked : (int) S2N_NOT_BLOCKED;
    s2n_py_last.conn = args->conn;
}

/* Did the call just made fail?  Only when its return value says so AND it
 * set s2n_errno (which the wrapper cleared before the call): a NULL name or
 * a -1 that is a plain answer is not an error. */
static int s2n_py_failed(void)
{
    return s2n_py_last.code != 0;
}

/* Raise the exception for the failure recorded in s2n_py_last. */
static void s2n_py_raise(void)
{
    int code = s2n_py_last.code;
    int type = s2n_error_get_type(code);
    s2n_py_last_error = code;
    const char *name = s2n_strerror_name(code);
    const char *message = s2n_strerror(code, "EN");
    const char *debug = s2n_strerror_debug(code, "EN");
    int alert = -1;
    if (type == S2N_ERR_T_ALERT && s2n_py_last.conn != NULL) {
        alert = s2n_connection_get_alert(s2n_py_last.conn);
        s2n_errno = code;
    }
    int blocked = type == S2N_ERR_T_BLOCKED ? s2n_py_last.blocked : (int) S2N_NOT_BLOCKED;
    if (s2n_py_error_factory == NULL) {
        PyErr_Format(PyExc_RuntimeError, "%s: %s (%s)", name ? name : "?", message ? message : "?", debug ? debug : "");
        return;
    }
    PyObject *exc = PyObject_CallFunction(s2n_py_error_factory, "iizzziii", code, type, name, message, debug,
            s2n_py_last.sys_errno, blocked, alert);
    if (exc == NULL) {
        return;
    }
    PyErr_SetObject((PyObject *) Py_TYPE(exc), exc);
    Py_DECREF(exc);
}
%}

/* Around every wrapped call: clear s2n_errno, call, capture the outcome,
 * and raise an exception left by a callback or set by a helper. */
%exception {
    s2n_py_args s2n_py_call = s2n_py_take_args();
    s2n_errno = 0;
    errno = 0;
    $action
    s2n_py_after_call(&s2n_py_call, errno);
    if (s2n_py_raise_stashed() || PyErr_Occurred()) {
        SWIG_fail;
    }
}

%typemap(check) struct s2n_connection * {
    s2n_py_pending.conn = $1;
}

/* ------------------------------------------------------------------------
 * Return values: failures become exceptions.
 * ------------------------------------------------------------------------ */
%define S2N_PY_SIGNED_RESULT(TYPE)
%typemap(out) TYPE {
    if ($1 < 0 && s2n_py_failed()) {
        s2n_py_raise();
        SWIG_fail;
    }
    $result = PyLong_FromLongLong((long long) $1);
    if ($result == NULL) {
        SWIG_fail;
    }
}
%enddef
S2N_PY_SIGNED_RESULT(int)
S2N_PY_SIGNED_RESULT(long)
S2N_PY_SIGNED_RESULT(ssize_t)

%typemap(out) SWIGTYPE * {
    if ($1 == NULL && s2n_py_failed()) {
        s2n_py_raise();
        SWIG_fail;
    }
    $result = SWIG_NewPointerObj(SWIG_as_voidptr($1), $descriptor, $owner);
}

%typemap(out, fragment="SWIG_FromCharPtr") const char * {
    if ($1 == NULL && s2n_py_failed()) {
        s2n_py_raise();
        SWIG_fail;
    }
    $result = SWIG_FromCharPtr((const char *) $1);
}

/* ------------------------------------------------------------------------
 * Strings in: str (UTF-8), bytes, or an os.PathLike; None is NULL.
 * ------------------------------------------------------------------------ */
%typemap(in) const char * (PyObject *path = NULL) {
    if ($input == Py_None) {
        $1 = NULL;
    } else {
        Py_ssize_t len = 0;
        const char *s = NULL;
        path = PyOS_FSPath($input);
        if (path == NULL) {
            PyErr_Clear();
            path = $input;
            Py_INCREF(path);
        }
        if (PyUnicode_Check(path)) {
            s = PyUnicode_AsUTF8AndSize(path, &len);
        } else if (PyBytes_Check(path)) {
            s = PyBytes_AS_STRING(path);
            len = PyBytes_GET_SIZE(path);
        } else {
            PyErr_Format(PyExc_TypeError, "argument %d of $symname must be str, bytes, os.PathLike or None, not %.100s",
                    $argnum, Py_TYPE($input)->tp_name);
        }
        if (s == NULL) {
            SWIG_fail;
        }
        if (strlen(s) != (size_t) len) {
            PyErr_Format(PyExc_ValueError, "argument %d of $symname contains a NUL character", $argnum);
            SWIG_fail;
        }
        $1 = ($1_ltype) s;
    }
}
%typemap(freearg) const char * "Py_XDECREF(path$argnum);";
%typemap(typecheck, precedence=SWIG_TYPECHECK_STRING) const char * {
    $1 = $input == Py_None || PyUnicode_Check($input) || PyBytes_Check($input);
}

/* ------------------------------------------------------------------------
 * Buffers in, through the buffer protocol, with a length guard.
 * ------------------------------------------------------------------------ */
%define S2N_PY_BUFFER_IN(PTR_DECL, LEN_DECL, MAXLEN)
%typemap(in) (PTR_DECL, LEN_DECL) (Py_buffer view = { 0 }) {
    if (PyObject_GetBuffer($input, &view, PyBUF_SIMPLE) != 0) {
        SWIG_fail;
    }
    if ((unsigned long long) view.len > (unsigned long long) (MAXLEN)) {
        PyErr_Format(PyExc_OverflowError, "$symname: a buffer of %zd bytes is too long (at most %llu)",
                view.len, (unsigned long long) (MAXLEN));
        SWIG_fail;
    }
    $1 = ($1_ltype) view.buf;
    $2 = ($2_ltype) view.len;
}
%typemap(freearg) (PTR_DECL, LEN_DECL) {
    if (view$argnum.obj != NULL) {
        PyBuffer_Release(&view$argnum);
    }
}
%typemap(typecheck) (PTR_DECL, LEN_DECL) {
    $1 = PyObject_CheckBuffer($input);
}
%enddef

S2N_PY_BUFFER_IN(const void *buf, ssize_t size, PY_SSIZE_T_MAX)
S2N_PY_BUFFER_IN(uint8_t *chain_pem, uint32_t chain_pem_len, UINT32_MAX)
S2N_PY_BUFFER_IN(uint8_t *private_key_pem, uint32_t private_key_pem_len, UINT32_MAX)
S2N_PY_BUFFER_IN(const uint8_t *data, ssize_t data_len, PY_SSIZE_T_MAX)
S2N_PY_BUFFER_IN(const uint8_t *data, uint32_t length, UINT32_MAX)
S2N_PY_BUFFER_IN(const uint8_t *data, uint32_t len, UINT32_MAX)
S2N_PY_BUFFER_IN(const uint8_t *data, uint32_t size, UINT32_MAX)

/* s2n_recv(conn, n) returns bytes (at most n); s2n_recv(conn, buffer) reads
 * into a writable buffer and returns the count, like socket.recv_into. */
%typemap(in) (void *buf, ssize_t size) (Py_buffer view = { 0 }, PyObject *out = NULL) {
    if (PyLong_Check($input)) {
        Py_ssize_t n = PyLong_AsSsize_t($input);
        if (n == -1 && PyErr_Occurred()) {
            SWIG_fail;
        }
        if (n < 0) {
            PyErr_SetString(PyExc_ValueError, "$symname: negative size");
            SWIG_fail;
        }
        out = PyBytes_FromStringAndSize(NULL, n);
        if (out == NULL) {
            SWIG_fail;
        }
        $1 = PyBytes_AS_STRING(out);
        $2 = ($2_ltype) n;
    } else {
        if (PyObject_GetBuffer($input, &view, PyBUF_WRITABLE) != 0) {
            SWIG_fail;
        }
        $1 = view.buf;
        $2 = ($2_ltype) view.len;
    }
}
%typemap(argout) (void *buf, ssize_t size) {
    if (out$argnum != NULL) {
        if (_PyBytes_Resize(&out$argnum, result > 0 ? (Py_ssize_t) result : 0) != 0) {
            SWIG_fail;
        }
        Py_DECREF($result);
        $result = out$argnum;
        out$argnum = NULL;
    }
}
%typemap(freearg) (void *buf, ssize_t size) {
    Py_XDECREF(out$argnum);
    if (view$argnum.obj != NULL) {
        PyBuffer_Release(&view$argnum);
    }
}

/* s2n_sendv: any sequence of bytes-like objects. */
%typemap(in) (const struct iovec *bufs, ssize_t count)
        (PyObject *seq = NULL, Py_buffer *views = NULL, struct iovec *iov = NULL, Py_ssize_t nviews = 0) {
    seq = PySequence_Fast($input, "$symname: expected a sequence of bytes-like objects");
    if (seq == NULL) {
        SWIG_fail;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    views = PyMem_Calloc(n ? (size_t) n : 1, sizeof(*views));
    iov = PyMem_Calloc(n ? (size_t) n : 1, sizeof(*iov));
    if (views == NULL || iov == NULL) {
        PyErr_NoMemory();
        SWIG_fail;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (PyObject_GetBuffer(PySequence_Fast_GET_ITEM(seq, i), &views[i], PyBUF_SIMPLE) != 0) {
            SWIG_fail;
        }
        nviews = i + 1;
        iov[i].iov_base = views[i].buf;
        iov[i].iov_len = (size_t) views[i].len;
    }
    $1 = iov;
    $2 = ($2_ltype) n;
}
%typemap(freearg) (const struct iovec *bufs, ssize_t count) {
    for (Py_ssize_t i = 0; i < nviews$argnum; i++) {
        PyBuffer_Release(&views$argnum[i]);
    }
    PyMem_Free(views$argnum);
    PyMem_Free(iov$argnum);
    Py_XDECREF(seq$argnum);
}

/* ALPN lists: a sequence of str or bytes. */
%typemap(in) (const char *const *protocols, int protocol_count) (PyObject *seq = NULL, const char **list = NULL) {
    seq = PySequence_Fast($input, "$symname: expected a sequence of str or bytes");
    if (seq == NULL) {
        SWIG_fail;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    if (n > INT_MAX) {
        PyErr_SetString(PyExc_OverflowError, "$symname: too many protocols");
        SWIG_fail;
    }
    list = PyMem_Calloc(n ? (size_t) n : 1, sizeof(*list));
    if (list == NULL) {
        PyErr_NoMemory();
        SWIG_fail;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(seq, i);
        Py_ssize_t len = 0;
        if (PyUnicode_Check(item)) {
            list[i] = PyUnicode_AsUTF8AndSize(item, &len);
        } else if (PyBytes_Check(item)) {
            list[i] = PyBytes_AS_STRING(item);
            len = PyBytes_GET_SIZE(item);
        } else {
            PyErr_Format(PyExc_TypeError, "$symname: protocol names must be str or bytes, not %.100s", Py_TYPE(item)->tp_name);
        }
        if (list[i] == NULL) {
            SWIG_fail;
        }
        if (strlen(list[i]) != (size_t) len) {
            PyErr_SetString(PyExc_ValueError, "$symname: a protocol name contains a NUL character");
            SWIG_fail;
        }
    }
    $1 = ($1_ltype) list;
    $2 = (int) n;
}
%typemap(freearg) (const char *const *protocols, int protocol_count) {
    PyMem_Free((void *) list$argnum);
    Py_XDECREF(seq$argnum);
}

/* ------------------------------------------------------------------------
 * Out-parameters: the call returns the value instead of the status.
 * ------------------------------------------------------------------------ */
%typemap(in, numinputs=0) s2n_blocked_status *blocked (s2n_blocked_status temp) {
    temp = S2N_NOT_BLOCKED;
    $1 = &temp;
}
%typemap(check) s2n_blocked_status *blocked {
    s2n_py_pending.blocked = $1;
}

%define S2N_PY_OUT(DECL, CTYPE, INIT, MAKE)
%typemap(in, numinputs=0) DECL (CTYPE temp) {
    temp = INIT;
    $1 = ($1_ltype) &temp;
}
%typemap(argout, fragment="SWIG_FromCharPtr") DECL {
    PyObject *value = MAKE;
    if (value == NULL) {
        SWIG_fail;
    }
    Py_DECREF($result);
    $result = value;
}
%enddef

S2N_PY_OUT(int *readfd, int, -1, PyLong_FromLong(temp$argnum))
S2N_PY_OUT(int *writefd, int, -1, PyLong_FromLong(temp$argnum))
S2N_PY_OUT(s2n_fips_mode *fips_mode, s2n_fips_mode, S2N_FIPS_MODE_DISABLED, PyLong_FromLong((long) temp$argnum))
S2N_PY_OUT(s2n_tls_signature_algorithm *chosen_alg, s2n_tls_signature_algorithm, S2N_TLS_SIGNATURE_ANONYMOUS,
        PyLong_FromLong((long) temp$argnum))
S2N_PY_OUT(s2n_tls_hash_algorithm *chosen_alg, s2n_tls_hash_algorithm, S2N_TLS_HASH_NONE, PyLong_FromLong((long) temp$argnum))
S2N_PY_OUT(const char **group_name, const char *, NULL, SWIG_FromCharPtr(temp$argnum))
S2N_PY_OUT(void **ctx, void *, NULL, SWIG_NewPointerObj(temp$argnum, $descriptor(void *), 0))

%typemap(in, numinputs=0) (uint8_t *first, uint8_t *second) (uint8_t a, uint8_t b) {
    a = 0;
    b = 0;
    $1 = &a;
    $2 = &b;
}
%typemap(argout) (uint8_t *first, uint8_t *second) {
    PyObject *pair = Py_BuildValue("(ii)", (int) a$argnum, (int) b$argnum);
    if (pair == NULL) {
        SWIG_fail;
    }
    Py_DECREF($result);
    $result = pair;
}

/* ------------------------------------------------------------------------
 * Python callables as callbacks.  The C side keeps a borrowed reference:
 * the caller (the s2n package) keeps the callable alive for as long as the
 * connection or config may call it.
 * ------------------------------------------------------------------------ */
%{
/* Finish a callback: set errno after the interpreter lock is dropped. */
static int s2n_py_cb_return(PyGILState_STATE gil, int rc, int err)
{
    PyGILState_Release(gil);
    if (rc < 0) {
        errno = err;
    }
    return rc;
}

/* Did the callable say "would block"?  (BlockingIOError, InterruptedError) */
static int s2n_py_cb_would_block(void)
{
    if (PyErr_ExceptionMatches(PyExc_BlockingIOError) || PyErr_ExceptionMatches(PyExc_InterruptedError)) {
        PyErr_Clear();
        return 1;
    }
    return 0;
}

/* send(data: bytes) -> int (bytes written) | None (would block) */
static int s2n_py_send_cb(void *io_context, const uint8_t *buf, uint32_t len)
{
    PyGILState_STATE gil = PyGILState_Ensure();
    if (io_context == NULL || s2n_py_stash_pending()) {
        return s2n_py_cb_return(gil, -1, EIO);
    }
    PyObject *data = PyBytes_FromStringAndSize((const char *) buf, (Py_ssize_t) len);
    PyObject *res = data ? PyObject_CallFunctionObjArgs((PyObject *) io_context, data, NULL) : NULL;
    Py_XDECREF(data);
    if (res == NULL) {
        if (s2n_py_cb_would_block()) {
            return s2n_py_cb_return(gil, -1, EAGAIN);
        }
        s2n_py_stash_exception();
        return s2n_py_cb_return(gil, -1, EIO);
    }
    if (res == Py_None) {
        Py_DECREF(res);
        return s2n_py_cb_return(gil, -1, EAGAIN);
    }
    long n = PyLong_AsLong(res);
    Py_DECREF(res);
    if (n == -1 && PyErr_Occurred()) {
        s2n_py_stash_exception();
        return s2n_py_cb_return(gil, -1, EIO);
    }
    if (n < 0 || (unsigned long) n > len) {
        PyErr_Format(PyExc_ValueError, "send callback returned %ld for %u bytes", n, (unsigned) len);
        s2n_py_stash_exception();
        return s2n_py_cb_return(gil, -1, EIO);
    }
    if (n == 0) {
        return s2n_py_cb_return(gil, -1, EAGAIN);
    }
    return s2n_py_cb_return(gil, (int) n, 0);
}

/* recv(n: int) -> bytes-like of at most n bytes (b"" at end of stream) | None (would block) */
static int s2n_py_recv_cb(void *io_context, uint8_t *buf, uint32_t len)
{
    PyGILState_STATE gil = PyGILState_Ensure();
    if (io_context == NULL || s2n_py_stash_pending()) {
        return s2n_py_cb_return(gil, -1, EIO);
    }
    PyObject *res = PyObject_CallFunction((PyObject *) io_context, "I", (unsigned int) len);
    if (res == NULL) {
        if (s2n_py_cb_would_block()) {
            return s2n_py_cb_return(gil, -1, EAGAIN);
        }
        s2n_py_stash_exception();
        return s2n_py_cb_return(gil, -1, EIO);
    }
    if (res == Py_None) {
        Py_DECREF(res);
        return s2n_py_cb_return(gil, -1, EAGAIN);
    }
    Py_buffer view;
    if (PyObject_GetBuffer(res, &view, PyBUF_SIMPLE) != 0) {
        Py_DECREF(res);
        s2n_py_stash_exception();
        return s2n_py_cb_return(gil, -1, EIO);
    }
    int rc = -1;
    if ((unsigned long long) view.len > (unsigned long long) len) {
        PyErr_Format(PyExc_ValueError, "recv callback returned %zd bytes, more than the %u asked for", view.len, (unsigned) len);
        s2n_py_stash_exception();
    } else {
        memcpy(buf, view.buf, (size_t) view.len);
        rc = (int) view.len;
    }
    PyBuffer_Release(&view);
    Py_DECREF(res);
    return s2n_py_cb_return(gil, rc, EIO);
}

/* verify_host(name: str) -> bool */
static uint8_t s2n_py_verify_host_cb(const char *host_name, size_t host_name_len, void *data)
{
    PyGILState_STATE gil = PyGILState_Ensure();
    uint8_t accept = 0;
    if (data != NULL && !s2n_py_stash_pending()) {
        /* Names are ASCII in practice; anything else arrives escaped, not as an error. */
        PyObject *name = PyUnicode_DecodeUTF8(host_name, (Py_ssize_t) host_name_len, "surrogateescape");
        PyObject *res = name ? PyObject_CallFunctionObjArgs((PyObject *) data, name, NULL) : NULL;
        Py_XDECREF(name);
        int truth = res ? PyObject_IsTrue(res) : -1;
        Py_XDECREF(res);
        if (truth < 0) {
            s2n_py_stash_exception();
        } else {
            accept = truth ? 1 : 0;
        }
    }
    PyGILState_Release(gil);
    return accept;
}

/* key_log(line: bytes) -> None */
static int s2n_py_key_log_cb(void *ctx, struct s2n_connection *conn, uint8_t *logline, size_t len)
{
    PyGILState_STATE gil = PyGILState_Ensure();
    int rc = -1;
    if (ctx != NULL && !s2n_py_stash_pending()) {
        PyObject *res = PyObject_CallFunction((PyObject *) ctx, "y#", (const char *) logline, (Py_ssize_t) len);
        if (res == NULL) {
            s2n_py_stash_exception();
        } else {
            Py_DECREF(res);
            rc = 0;
        }
    }
    PyGILState_Release(gil);
    return rc;
}

static int s2n_py_check_callable(PyObject *callable, int none_ok)
{
    if ((callable != Py_None || !none_ok) && !PyCallable_Check(callable)) {
        PyErr_Format(PyExc_TypeError, "expected a callable%s, not %.100s", none_ok ? " or None" : "",
                Py_TYPE(callable)->tp_name);
        return -1;
    }
    return 0;
}
%}

%feature("docstring") s2n_py_set_error_factory
"s2n_py_set_error_factory(factory) -> None

Install the callable that builds the exception for a failed call:
factory(code, type, name, message, debug, sys_errno, blocked, alert) -> BaseException.
The s2n package installs s2n._errors.from_c at import.";

%feature("docstring") s2n_py_connection_set_send_callback
"s2n_py_connection_set_send_callback(conn, send) -> int

Write through send(data: bytes) -> int | None instead of a file descriptor.
send returns how many bytes it wrote, or None (or raises BlockingIOError)
when it would block.  Any other exception it raises is raised again from the
s2n call that wrote.  The caller must keep send alive while conn uses it.";

%feature("docstring") s2n_py_connection_set_recv_callback
"s2n_py_connection_set_recv_callback(conn, recv) -> int

Read through recv(n: int) -> bytes-like | None instead of a file descriptor.
recv returns at most n bytes, b'' at the end of the stream, or None (or
raises BlockingIOError) when it would block.  Any other exception it raises
is raised again from the s2n call that read.  The caller must keep recv alive
while conn uses it.";

%feature("docstring") s2n_py_config_set_verify_host_callback
"s2n_py_config_set_verify_host_callback(config, verify_host) -> int

Check host names with verify_host(name: str) -> bool, called for each DNS
name and IP address of the peer's certificate (None: back to the default
check against the server name).  An exception it raises rejects the name and
is raised again from s2n_negotiate.  The caller must keep verify_host alive
while config uses it.";

%feature("docstring") s2n_py_config_set_key_log_callback
"s2n_py_config_set_key_log_callback(config, key_log) -> int

Call key_log(line: bytes) with each NSS key log line (None: stop).  The
caller must keep key_log alive while config uses it.";

%inline %{
PyObject *s2n_py_set_error_factory(PyObject *factory)
{
    if (s2n_py_check_callable(factory, 1) < 0) {
        return NULL;
    }
    Py_XDECREF(s2n_py_error_factory);
    s2n_py_error_factory = NULL;
    if (factory != Py_None) {
        Py_INCREF(factory);
        s2n_py_error_factory = factory;
    }
    Py_RETURN_NONE;
}

int s2n_py_connection_set_send_callback(struct s2n_connection *conn, PyObject *send)
{
    if (s2n_py_check_callable(send, 0) < 0) {
        return -1;
    }
    if (s2n_connection_set_send_cb(conn, s2n_py_send_cb) != S2N_SUCCESS) {
        return -1;
    }
    return s2n_connection_set_send_ctx(conn, (void *) send);
}

int s2n_py_connection_set_recv_callback(struct s2n_connection *conn, PyObject *recv)
{
    if (s2n_py_check_callable(recv, 0) < 0) {
        return -1;
    }
    if (s2n_connection_set_recv_cb(conn, s2n_py_recv_cb) != S2N_SUCCESS) {
        return -1;
    }
    return s2n_connection_set_recv_ctx(conn, (void *) recv);
}

int s2n_py_config_set_verify_host_callback(struct s2n_config *config, PyObject *verify_host)
{
    if (s2n_py_check_callable(verify_host, 1) < 0) {
        return -1;
    }
    if (verify_host == Py_None) {
        return s2n_config_set_verify_host_callback(config, NULL, NULL);
    }
    return s2n_config_set_verify_host_callback(config, s2n_py_verify_host_cb, (void *) verify_host);
}

int s2n_py_config_set_key_log_callback(struct s2n_config *config, PyObject *key_log)
{
    if (s2n_py_check_callable(key_log, 1) < 0) {
        return -1;
    }
    if (key_log == Py_None) {
        return s2n_config_set_key_log_cb(config, NULL, NULL);
    }
    return s2n_config_set_key_log_cb(config, s2n_py_key_log_cb, (void *) key_log);
}
%}

%feature("docstring") s2n_py_errno
"s2n_py_errno() -> int

The s2n error code of the last failed s2n call made from this thread
through these bindings (0 when none failed).";
%noexception s2n_py_errno;
%inline %{
int s2n_py_errno(void)
{
    return s2n_py_last_error;
}
%}

#endif /* SWIGPYTHON */

/* The thread-local s2n_errno is not a variable SWIG can wrap: bindings read
 * the code from their exceptions (Python: also s2n_py_errno()). */
%ignore s2n_errno;
#define __thread

/* ------------------------------------------------------------------------
 * The public header.
 * ------------------------------------------------------------------------ */
%include <stdint.i>
typedef long ssize_t;
%include "s2n.h"
