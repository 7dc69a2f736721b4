/* SPDX-License-Identifier: BSD-2-Clause */
/* The PMD's log type, pmd.net.x710vf (--log-level='pmd.net.x710vf:debug'). */
#include <rte_log.h>

#include "x710vf_ethdev.h"

RTE_LOG_REGISTER_DEFAULT(x710vf_logtype, NOTICE);
