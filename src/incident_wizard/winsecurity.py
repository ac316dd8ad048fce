"""Windows: files private to the user, and a memory cap for a worker process, through the Win32
API (ctypes, standard library only). POSIX has umask 0077, chmod and RLIMIT_AS for the same
(files.py, locations.py, documents/bounded.py); these are their Windows counterparts.

- **Private**: a folder or file is given a *protected* DACL (nothing inherited from its parent)
  granting full control to the current user, SYSTEM and the Administrators group only, the
  Windows equivalent of 0700/0600 (an administrator can take any file anyway). Folders pass it
  on to what is created inside them (object and container inheritance), so the database, its
  journal and every file the app writes in its data folder are private from their creation.
  Files written elsewhere (an export folder the user chose) are created private, empty, before
  the first byte is written (``create_private_file``). A FAT-formatted USB stick has no
  permissions at all: the descriptor is ignored there, and the check below reports it readable
  by everyone.
- **Readable by others**: ``others_who_can_read`` names every account or group other than the
  user, SYSTEM, the Administrators and the owner's pseudo-accounts to which the DACL gives read
  access (Everyone, Users, Authenticated Users, another person's account...), or "tout le
  monde" for a null DACL. The app warns; it never changes the permissions of a folder or file
  it did not create (their owner may share them on purpose), as on POSIX.
- **Memory cap**: ``limit_process_memory`` puts the calling process in a new Job Object whose
  processes may commit at most that many bytes (JOB_OBJECT_LIMIT_PROCESS_MEMORY); the job is
  closed with the process (JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE). A template worker that goes past
  it gets a MemoryError or is ended, and the app falls back to the built-in template.

Only ever called on Windows (``os.name == "nt"``); importing it elsewhere is harmless. The code
paths are exercised by the Windows CI workflow (.github/workflows/windows.yml,
tests/test_windows.py); on Linux they were reviewed only.
"""

from __future__ import annotations

import ctypes
import functools
from ctypes import wintypes
from pathlib import Path

#: Well-known SIDs that may read a private file: SYSTEM, the Administrators group, CREATOR OWNER
#: and OWNER RIGHTS (placeholders for the owner).
TRUSTED_SIDS = frozenset({"S-1-5-18", "S-1-5-32-544", "S-1-3-0", "S-1-3-4"})
#: Names of the well-known SIDs a warning may have to show (Windows' own names are localised by
#: LookupAccountSidW; these are for when it fails).
KNOWN_NAMES = {"S-1-1-0": "Tout le monde", "S-1-5-11": "Utilisateurs authentifiés",
               "S-1-5-32-545": "Utilisateurs", "S-1-5-32-546": "Invités", "S-1-5-7": "Anonyme"}

_SE_FILE_OBJECT = 1
_DACL_SECURITY_INFORMATION = 0x4
_SDDL_REVISION_1 = 1
_ACCESS_ALLOWED_ACE_TYPE = 0
_INHERIT_ONLY_ACE = 0x08
_ACL_SIZE_INFORMATION = 2
#: FILE_READ_DATA (also FILE_LIST_DIRECTORY), GENERIC_READ, GENERIC_ALL, MAXIMUM_ALLOWED.
_READ_MASK = 0x0001 | 0x80000000 | 0x10000000 | 0x02000000
_TOKEN_QUERY = 0x0008
_TOKEN_USER = 1
_GENERIC_WRITE = 0x40000000
_CREATE_NEW = 1
_FILE_ATTRIBUTE_NORMAL = 0x80
_INVALID_HANDLE_VALUE = ctypes.c_void_p(-1).value
_JOB_OBJECT_EXTENDED_LIMIT_INFORMATION = 9
_JOB_OBJECT_LIMIT_PROCESS_MEMORY = 0x00000100
_JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE = 0x00002000


class _SecurityAttributes(ctypes.Structure):
    _fields_ = [("nLength", wintypes.DWORD), ("lpSecurityDescriptor", ctypes.c_void_p),
                ("bInheritHandle", wintypes.BOOL)]


class _AclSizeInformation(ctypes.Structure):
    _fields_ = [("AceCount", wintypes.DWORD), ("AclBytesInUse", wintypes.DWORD),
                ("AclBytesFree", wintypes.DWORD)]


class _AceHeader(ctypes.Structure):
    _fields_ = [("AceType", ctypes.c_ubyte), ("AceFlags", ctypes.c_ubyte), ("AceSize", wintypes.WORD)]


class _AccessAllowedAce(ctypes.Structure):
    _fields_ = [("Header", _AceHeader), ("Mask", wintypes.DWORD), ("SidStart", wintypes.DWORD)]


class _IoCounters(ctypes.Structure):
    _fields_ = [(name, ctypes.c_ulonglong) for name in (
        "ReadOperationCount", "WriteOperationCount", "OtherOperationCount",
        "ReadTransferCount", "WriteTransferCount", "OtherTransferCount")]


class _BasicLimitInformation(ctypes.Structure):
    _fields_ = [("PerProcessUserTimeLimit", ctypes.c_longlong), ("PerJobUserTimeLimit", ctypes.c_longlong),
                ("LimitFlags", wintypes.DWORD), ("MinimumWorkingSetSize", ctypes.c_size_t),
                ("MaximumWorkingSetSize", ctypes.c_size_t), ("ActiveProcessLimit", wintypes.DWORD),
                ("Affinity", ctypes.c_size_t), ("PriorityClass", wintypes.DWORD),
                ("SchedulingClass", wintypes.DWORD)]


class _ExtendedLimitInformation(ctypes.Structure):
    _fields_ = [("BasicLimitInformation", _BasicLimitInformation), ("IoInfo", _IoCounters),
                ("ProcessMemoryLimit", ctypes.c_size_t), ("JobMemoryLimit", ctypes.c_size_t),
                ("PeakProcessMemoryUsed", ctypes.c_size_t), ("PeakJobMemoryUsed", ctypes.c_size_t)]


@functools.cache
def _dlls():  # noqa: ANN202 - (advapi32, kernel32), with their prototypes
    advapi32 = ctypes.WinDLL("advapi32", use_last_error=True)
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    p, d, h, b = ctypes.c_void_p, wintypes.DWORD, wintypes.HANDLE, wintypes.BOOL
    for function, argtypes, restype in (
        (advapi32.ConvertStringSecurityDescriptorToSecurityDescriptorW,
         [wintypes.LPCWSTR, d, ctypes.POINTER(p), ctypes.POINTER(wintypes.ULONG)], b),
        (advapi32.ConvertSidToStringSidW, [p, ctypes.POINTER(wintypes.LPWSTR)], b),
        (advapi32.OpenProcessToken, [h, d, ctypes.POINTER(h)], b),
        (advapi32.GetTokenInformation, [h, ctypes.c_int, p, d, ctypes.POINTER(d)], b),
        (advapi32.GetNamedSecurityInfoW, [wintypes.LPCWSTR, ctypes.c_int, d, ctypes.POINTER(p),
                                          ctypes.POINTER(p), ctypes.POINTER(p), ctypes.POINTER(p),
                                          ctypes.POINTER(p)], d),
        (advapi32.GetAclInformation, [p, p, d, ctypes.c_int], b),
        (advapi32.GetAce, [p, d, ctypes.POINTER(p)], b),
        (advapi32.LookupAccountSidW, [wintypes.LPCWSTR, p, wintypes.LPWSTR, ctypes.POINTER(d),
                                      wintypes.LPWSTR, ctypes.POINTER(d), ctypes.POINTER(d)], b),
        (kernel32.GetCurrentProcess, [], h),
        (kernel32.CloseHandle, [h], b),
        (kernel32.LocalFree, [p], p),
        (kernel32.CreateDirectoryW, [wintypes.LPCWSTR, ctypes.POINTER(_SecurityAttributes)], b),
        (kernel32.CreateFileW, [wintypes.LPCWSTR, d, d, ctypes.POINTER(_SecurityAttributes), d, d, h], h),
        (kernel32.CreateJobObjectW, [p, wintypes.LPCWSTR], h),
        (kernel32.SetInformationJobObject, [h, ctypes.c_int, p, d], b),
        (kernel32.AssignProcessToJobObject, [h, h], b),
    ):
        function.argtypes, function.restype = argtypes, restype
    return advapi32, kernel32


def _check(ok: object, what: str) -> None:
    if not ok:
        code = ctypes.get_last_error()
        raise OSError(code, f"{what}: {ctypes.FormatError(code).strip()}")


def _sid_string(sid: int) -> str:
    advapi32, kernel32 = _dlls()
    text = wintypes.LPWSTR()
    _check(advapi32.ConvertSidToStringSidW(sid, ctypes.byref(text)), "ConvertSidToStringSidW")
    try:
        return text.value or ""
    finally:
        kernel32.LocalFree(ctypes.cast(text, ctypes.c_void_p))


@functools.cache
def user_sid() -> str:
    """The SID of the account this process runs as ("S-1-5-21-...")."""
    advapi32, kernel32 = _dlls()
    token = wintypes.HANDLE()
    _check(advapi32.OpenProcessToken(kernel32.GetCurrentProcess(), _TOKEN_QUERY, ctypes.byref(token)),
           "OpenProcessToken")
    try:
        size = wintypes.DWORD()
        advapi32.GetTokenInformation(token, _TOKEN_USER, None, 0, ctypes.byref(size))
        buffer = ctypes.create_string_buffer(size.value)
        _check(advapi32.GetTokenInformation(token, _TOKEN_USER, buffer, size, ctypes.byref(size)),
               "GetTokenInformation")
        # TOKEN_USER starts with SID_AND_ATTRIBUTES, whose first member is the PSID.
        return _sid_string(ctypes.c_void_p.from_buffer(buffer).value)
    finally:
        kernel32.CloseHandle(token)


def private_sddl() -> str:
    """The protected DACL of a private folder or file, in SDDL: full control (FA) to the user,
    SYSTEM (SY) and the Administrators (BA), inherited by files (OI) and folders (CI) inside."""
    return f"D:P(A;OICI;FA;;;{user_sid()})(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)"


class _Descriptor:
    """A self-relative security descriptor built from SDDL, freed with LocalFree."""

    def __init__(self, sddl: str):
        self.pointer = ctypes.c_void_p()
        advapi32, _ = _dlls()
        _check(advapi32.ConvertStringSecurityDescriptorToSecurityDescriptorW(
            sddl, _SDDL_REVISION_1, ctypes.byref(self.pointer), None), "ConvertStringSecurityDescriptor")

    def attributes(self) -> _SecurityAttributes:
        return _SecurityAttributes(ctypes.sizeof(_SecurityAttributes), self.pointer, False)

    def __enter__(self) -> _Descriptor:
        return self

    def __exit__(self, *exc: object) -> None:
        _dlls()[1].LocalFree(self.pointer)


def create_private_dir(path: Path) -> None:
    """Create the folder ``path`` (its parent must exist) private from its creation; an
    existing folder raises FileExistsError, as os.mkdir."""
    _, kernel32 = _dlls()
    with _Descriptor(private_sddl()) as descriptor:
        attributes = descriptor.attributes()
        if not kernel32.CreateDirectoryW(str(path), ctypes.byref(attributes)):
            code = ctypes.get_last_error()
            if code == 183:  # ERROR_ALREADY_EXISTS
                raise FileExistsError(code, "le dossier existe déjà", str(path))
            raise OSError(code, ctypes.FormatError(code).strip(), str(path))


def create_private_file(path: Path) -> None:
    """Create the empty file ``path``, private from its creation (it must not exist): a writer
    then opens it for writing and keeps its permissions."""
    _, kernel32 = _dlls()
    with _Descriptor(private_sddl()) as descriptor:
        attributes = descriptor.attributes()
        handle = kernel32.CreateFileW(str(path), _GENERIC_WRITE, 0, ctypes.byref(attributes), _CREATE_NEW,
                                      _FILE_ATTRIBUTE_NORMAL, None)
        if handle is None or handle == _INVALID_HANDLE_VALUE:
            code = ctypes.get_last_error()
            if code == 80:  # ERROR_FILE_EXISTS
                raise FileExistsError(code, "le fichier existe déjà", str(path))
            raise OSError(code, ctypes.FormatError(code).strip(), str(path))
        kernel32.CloseHandle(handle)


def _account_name(sid_pointer: int, sid: str) -> str:
    advapi32, _ = _dlls()
    name, domain = ctypes.create_unicode_buffer(256), ctypes.create_unicode_buffer(256)
    name_size, domain_size, use = wintypes.DWORD(256), wintypes.DWORD(256), wintypes.DWORD()
    if advapi32.LookupAccountSidW(None, sid_pointer, name, ctypes.byref(name_size), domain,
                                  ctypes.byref(domain_size), ctypes.byref(use)) and name.value:
        return f"{domain.value}\\{name.value}" if domain.value else name.value
    return KNOWN_NAMES.get(sid, sid)


def others_who_can_read(path: Path) -> list[str]:
    """The accounts and groups, other than the user, SYSTEM and the Administrators, that the
    DACL of ``path`` lets read it (names as Windows shows them); ["tout le monde"] for a null
    DACL (no protection at all)."""
    advapi32, kernel32 = _dlls()
    acl, descriptor = ctypes.c_void_p(), ctypes.c_void_p()
    code = advapi32.GetNamedSecurityInfoW(str(path), _SE_FILE_OBJECT, _DACL_SECURITY_INFORMATION,
                                          None, None, ctypes.byref(acl), None, ctypes.byref(descriptor))
    if code:
        raise OSError(code, ctypes.FormatError(code).strip(), str(path))
    try:
        if not acl.value:
            return ["tout le monde"]
        info = _AclSizeInformation()
        _check(advapi32.GetAclInformation(acl, ctypes.byref(info), ctypes.sizeof(info), _ACL_SIZE_INFORMATION),
               "GetAclInformation")
        trusted = TRUSTED_SIDS | {user_sid()}
        found: list[str] = []
        for index in range(info.AceCount):
            ace = ctypes.c_void_p()
            _check(advapi32.GetAce(acl, index, ctypes.byref(ace)), "GetAce")
            allowed = _AccessAllowedAce.from_address(ace.value)
            if allowed.Header.AceType != _ACCESS_ALLOWED_ACE_TYPE or allowed.Header.AceFlags & _INHERIT_ONLY_ACE:
                continue
            if not allowed.Mask & _READ_MASK:
                continue
            sid_pointer = ace.value + _AccessAllowedAce.SidStart.offset
            sid = _sid_string(sid_pointer)
            if sid not in trusted:
                name = _account_name(sid_pointer, sid)
                if name not in found:
                    found.append(name)
        return found
    finally:
        kernel32.LocalFree(descriptor)


def limit_process_memory(limit: int) -> None:
    """Cap the memory the calling process may commit at ``limit`` bytes, with a Job Object it
    joins (Windows 8 and later allow a process already in a job, as under CI, to join another)."""
    _, kernel32 = _dlls()
    job = kernel32.CreateJobObjectW(None, None)
    _check(job, "CreateJobObjectW")
    info = _ExtendedLimitInformation()
    info.BasicLimitInformation.LimitFlags = _JOB_OBJECT_LIMIT_PROCESS_MEMORY | _JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
    info.ProcessMemoryLimit = limit
    _check(kernel32.SetInformationJobObject(job, _JOB_OBJECT_EXTENDED_LIMIT_INFORMATION, ctypes.byref(info),
                                            ctypes.sizeof(info)), "SetInformationJobObject")
    _check(kernel32.AssignProcessToJobObject(job, kernel32.GetCurrentProcess()), "AssignProcessToJobObject")
    # The job handle stays open for the process's life: closing it would end the process
    # (KILL_ON_JOB_CLOSE), and the system closes it when the process exits.
    _JOBS.append(job)


_JOBS: list[int] = []
