// SPDX-License-Identifier: GPL-2.0
/*
 * nodes.c - the front end's inode table: every name the mount ever showed gets a node, and
 * node N has inode number N (index + 1). Nodes are never freed while mounted, so an inode
 * number always means the same path (the kernel's lookup counts need no bookkeeping: FORGET
 * is a no-op). The namespace is small (a few disks, proc entries and parameters).
 * One mutex; no call here sleeps otherwise.
 */
#include "fe_internal.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t nodes_lock = PTHREAD_MUTEX_INITIALIZER;
static struct fe_node *nodes;
static size_t nr_nodes, cap_nodes;

static struct fe_node *add_locked(fuse_ino_t parent, const char *name, enum fe_kind kind,
				  const char *path)
{
	struct fe_node *n;

	if (nr_nodes == cap_nodes) {
		size_t cap = cap_nodes ? cap_nodes * 2 : 32;
		struct fe_node *p = realloc(nodes, cap * sizeof(*p));

		if (!p)
			return NULL;
		nodes = p;
		cap_nodes = cap;
	}
	n = &nodes[nr_nodes];
	memset(n, 0, sizeof(*n));
	n->ino = (fuse_ino_t)++nr_nodes;
	n->parent = parent;
	n->kind = kind;
	snprintf(n->name, sizeof(n->name), "%s", name);
	snprintf(n->path, sizeof(n->path), "%s", path ? path : "");
	return n;
}

int fe_nodes_init(void)
{
	int ok;

	pthread_mutex_lock(&nodes_lock);
	ok = add_locked(FUSE_ROOT_ID, "", FE_ROOT, NULL) &&
	     add_locked(FUSE_ROOT_ID, "dev", FE_DIR_DEV, NULL) &&
	     add_locked(FUSE_ROOT_ID, "proc", FE_DIR_PROC, "") &&
	     add_locked(FUSE_ROOT_ID, "sys", FE_DIR_SYS, NULL) &&
	     add_locked(FE_INO_SYS, "module", FE_DIR_MODULES, NULL);
	pthread_mutex_unlock(&nodes_lock);
	return ok ? 0 : -ENOMEM;
}

void fe_nodes_exit(void)
{
	pthread_mutex_lock(&nodes_lock);
	free(nodes);
	nodes = NULL;
	nr_nodes = cap_nodes = 0;
	pthread_mutex_unlock(&nodes_lock);
}

int fe_node_get(fuse_ino_t ino, struct fe_node *out)
{
	int rc = -ENOENT;

	pthread_mutex_lock(&nodes_lock);
	if (ino >= 1 && ino <= nr_nodes) {
		*out = nodes[ino - 1];
		rc = 0;
	}
	pthread_mutex_unlock(&nodes_lock);
	return rc;
}

fuse_ino_t fe_node_child(fuse_ino_t parent, const char *name, enum fe_kind kind,
			 const char *path, uint32_t major, uint32_t minor)
{
	struct fe_node *n = NULL;
	fuse_ino_t ino = 0;

	pthread_mutex_lock(&nodes_lock);
	for (size_t i = 0; i < nr_nodes; i++) {
		if (nodes[i].parent == parent && nodes[i].kind == kind &&
		    !strcmp(nodes[i].name, name)) {
			n = &nodes[i];
			break;
		}
	}
	if (!n)
		n = add_locked(parent, name, kind, path);
	if (n) {
		/* a disk of the same name may come back with another number */
		n->major = major;
		n->minor = minor;
		ino = n->ino;
	}
	pthread_mutex_unlock(&nodes_lock);
	return ino;
}

fuse_ino_t fe_node_find_dev(uint32_t major, uint32_t minor)
{
	fuse_ino_t ino = 0;

	pthread_mutex_lock(&nodes_lock);
	for (size_t i = 0; i < nr_nodes; i++) {
		if (nodes[i].kind == FE_DEV && nodes[i].major == major && nodes[i].minor == minor) {
			ino = nodes[i].ino;
			break;
		}
	}
	pthread_mutex_unlock(&nodes_lock);
	return ino;
}
