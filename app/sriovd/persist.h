/* SPDX-License-Identifier: BSD-2-Clause */
/* After every change: save the state file and rewrite the device-plugin
 * config, so a restart and Kubernetes both see what is running. */
#ifndef SRIOVD_PERSIST_H
#define SRIOVD_PERSIST_H

#include "daemon.h"

/* 0, or the first negative errno (logged; the change itself stands). */
int sriovd_persist(struct sriovd *d);

#endif
