#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""gen_seeds.py [OUTDIR] - well-formed seeds for fuzz_control: each file is one control-socket
datagram holding a sequence of valid DRBD 8.4 generic netlink requests (as drbdsetup sends
them), so that the fuzzer starts deep inside DRBD's handlers (resource, minor, options,
attach/connect parsing, role changes, dumps) instead of at the parsers' first checks. The
malformed seeds come from tests/integration/control (corpus/control/).

Layout (include/linux/drbd_genl.h, genl_magic_struct.h): nlmsghdr, genlmsghdr (cmd, version 1),
struct drbd_genlmsghdr (u32 minor, s32 ret_code), then attributes; fields of a nested struct
carry DRBD_GENLA_F_MANDATORY (1 << 14) when declared so, nests NLA_F_NESTED (as drbdsetup). The family id is the one the daemon
assigns to "drbd" (0x13 with umc's registration order; a wrong id is just another input)."""
import os
import socket
import struct
import sys

FAMILY = 0x13
REQ, ACK, DUMP = 0x1, 0x4, 0x300
MAND = 1 << 14

def nla(t, payload):
    n = 4 + len(payload)
    return struct.pack("=HH", n, t) + payload + b"\0" * ((4 - n % 4) % 4)

def u32(t, v): return nla(t | MAND, struct.pack("=I", v))
def s32(t, v): return nla(t | MAND, struct.pack("=i", v))
def u64(t, v): return nla(t | MAND, struct.pack("=Q", v))
def flag(t): return nla(t | MAND, struct.pack("=B", 1))
def string(t, s): return nla(t | MAND, s.encode() + b"\0")
def binary(t, b): return nla(t | MAND, b)
NESTED = 1 << 15
def nest(t, *fields): return nla(t | NESTED, b"".join(fields))

def sin(port):
    return struct.pack("=H", socket.AF_INET) + struct.pack(">H", port) + \
        socket.inet_aton("127.0.0.1") + b"\0" * 8

def ctx(res, vol=None, my=None, peer=None):
    f = [string(2, res)]
    if vol is not None:
        f.append(u32(1, vol))
    if my:
        f.append(binary(3, my))
    if peer:
        f.append(binary(4, peer))
    return nest(2, *f)

seq = [0]
def msg(cmd, minor=0xffffffff, attrs=b"", flags=REQ | ACK):
    seq[0] += 1
    body = struct.pack("=BBH", cmd, 1, 0) + struct.pack("=Ii", minor, 0) + attrs
    return struct.pack("=IHHII", 16 + len(body), FAMILY, flags, seq[0], 0) + body

NEW_MINOR, DEL_MINOR, NEW_RES, DEL_RES, RES_OPTS = 5, 6, 7, 8, 9
CONNECT, DISCONNECT, ATTACH, RESIZE, PRIMARY, SECONDARY = 10, 11, 12, 13, 14, 15
NEW_C_UUID, START_OV, DETACH, INVALIDATE, INVAL_PEER = 16, 17, 18, 19, 20
PAUSE, RESUME, SUSPEND_IO, RESUME_IO, OUTDATE, TIMEOUT_TYPE, DOWN = 21, 22, 23, 24, 25, 26, 27
CHG_DISK, CHG_NET, GET_STATUS = 28, 29, 2
GET_RES, GET_DEV, GET_CONN, GET_PEER = 30, 31, 32, 33

def res_up(name, minor):
    return msg(NEW_RES, attrs=ctx(name) + nest(4, string(1, "0"), u32(2, 0))) + \
        msg(NEW_MINOR, minor, ctx(name, vol=0))

def res_down(name, minor):
    return msg(DEL_MINOR, minor, ctx(name, vol=0)) + msg(DEL_RES, attrs=ctx(name))

seeds = {
    # (pause/resume-sync and suspend/resume-io on a fresh minor hang DRBD itself: fuzz_control.c)
    "valid_resource_lifecycle": res_up("r0", 0) + msg(GET_STATUS, 0, ctx("r0", vol=0)) +
        msg(RES_OPTS, attrs=ctx("r0") + nest(4, string(1, "3"), u32(2, 1))) +
        msg(PRIMARY, 0, ctx("r0", vol=0) + nest(6, flag(1))) +
        msg(SECONDARY, 0, ctx("r0", vol=0)) + res_down("r0", 0),
    "valid_attach_refused": res_up("r1", 1) +
        msg(ATTACH, 1, ctx("r1", vol=0) + nest(3, string(1, "/nonexistent/backing"),
            string(2, "/nonexistent/backing"), s32(3, -1), u32(6, 1), u32(8, 4096),
            u32(10, 1237), flag(17))) +
        msg(CHG_DISK, 1, ctx("r1", vol=0) + nest(3, u32(6, 2), u32(11, 20))) +
        msg(DETACH, 1, ctx("r1", vol=0) + nest(13, flag(1))) + res_down("r1", 1),
    "valid_connect_refused": res_up("r2", 2) +
        msg(CONNECT, attrs=ctx("r2", my=sin(7998), peer=sin(7999)) +
            nest(5, string(1, "sekret"), string(2, "sha1"), string(4, "crc32c"),
                 u32(6, 3), u32(7, 10), u32(8, 60), u32(13, 5), flag(29))) +
        msg(CHG_NET, attrs=ctx("r2", my=sin(7998), peer=sin(7999)) + nest(5, u32(8, 90))) +
        msg(DISCONNECT, attrs=ctx("r2", my=sin(7998), peer=sin(7999)) + nest(12, flag(1))) +
        res_down("r2", 2),
    "valid_state_changes_diskless": res_up("r3", 3) + b"".join(
        msg(c, 3, ctx("r3", vol=0)) for c in
        (NEW_C_UUID, INVALIDATE, INVAL_PEER, OUTDATE, TIMEOUT_TYPE, START_OV)) +
        msg(RESIZE, 3, ctx("r3", vol=0) + nest(7, u64(1, 8192), flag(2))) +
        msg(DOWN, attrs=ctx("r3")),
    "valid_dumps": res_up("r4", 4) + b"".join(
        msg(c, attrs=b"", flags=REQ | DUMP) for c in (GET_RES, GET_DEV, GET_CONN, GET_PEER,
                                                     GET_STATUS)) + msg(DOWN, attrs=ctx("r4")),
}

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "corpus",
                                                         "control-valid")
os.makedirs(out, exist_ok=True)
for name, data in seeds.items():
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
print("wrote %d seeds to %s" % (len(seeds), out))
