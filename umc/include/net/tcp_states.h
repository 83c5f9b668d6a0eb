/* SPDX-License-Identifier: GPL-2.0 */
/* net/tcp_states.h - TCP states as Linux numbers them (header-only). */
#ifndef _UMC_NET_TCP_STATES_H
#define _UMC_NET_TCP_STATES_H
enum {
	TCP_ESTABLISHED = 1,
	TCP_SYN_SENT,
	TCP_SYN_RECV,
	TCP_FIN_WAIT1,
	TCP_FIN_WAIT2,
	TCP_TIME_WAIT,
	TCP_CLOSE,
	TCP_CLOSE_WAIT,
	TCP_LAST_ACK,
	TCP_LISTEN,
	TCP_CLOSING,
	TCP_NEW_SYN_RECV,
	TCP_MAX_STATES
};
#define TCPF_ESTABLISHED (1 << TCP_ESTABLISHED)
#define TCPF_SYN_SENT (1 << TCP_SYN_SENT)
#define TCPF_CLOSE (1 << TCP_CLOSE)
#define TCPF_LISTEN (1 << TCP_LISTEN)
#endif
