/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Adapter for a backend whose only mailbox op is the blocking
 * ops->serve(handle, &stop) (the x710 backend today): one thread per PF
 * (never per VF) runs it, and the event loop pauses every such thread
 * around anything that touches the PF (apply, set, reset, status), so the
 * backend is never entered twice at once. It goes away when the backend
 * offers a non-blocking service op (backend_ext.h).
 */
#ifndef SRIOVD_SERVE_THREAD_H
#define SRIOVD_SERVE_THREAD_H

#include <sriov/backend.h>

struct sriovd_serve_thread;

/* Starts serving @handle. 0 or negative errno. */
int sriovd_serve_thread_start(const struct sriov_backend *be, void *handle,
			      struct sriovd_serve_thread **out);
/* Returns once the backend's serve() has returned; nests with resume. */
void sriovd_serve_thread_pause(struct sriovd_serve_thread *t);
void sriovd_serve_thread_resume(struct sriovd_serve_thread *t);
/* Stops and joins the thread. */
void sriovd_serve_thread_stop(struct sriovd_serve_thread *t);
/* The handle it serves (to match it against the PF table after a reload). */
void *sriovd_serve_thread_handle(const struct sriovd_serve_thread *t);

#endif
