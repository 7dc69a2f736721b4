/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Configuration schemas: typed parameter tables in the style of FreeBSD's
 * pci_iov_schema (spec freebsd-iovctl.md §1.3). The generic part (PF device
 * and num_vfs, VF passthrough) is fixed; each PF backend publishes the
 * driver part. Lookup order is generic first, then driver, as in the kernel.
 */
#ifndef SRIOV_SCHEMA_H
#define SRIOV_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum sriov_type {
	SRIOV_TYPE_BOOL,
	SRIOV_TYPE_STRING,
	SRIOV_TYPE_UINT8,
	SRIOV_TYPE_UINT16,
	SRIOV_TYPE_UINT32,
	SRIOV_TYPE_UINT64,
	SRIOV_TYPE_UNICAST_MAC,
	SRIOV_TYPE_VLAN,
	SRIOV_TYPE_ENUM,
};

/* A parameter is required, has a default, or is optional: never two of them
 * (iovctl: IOV_SCHEMA_HASDEFAULT and IOV_SCHEMA_REQUIRED are exclusive). */
enum sriov_presence {
	SRIOV_PARAM_OPTIONAL,
	SRIOV_PARAM_REQUIRED,
	SRIOV_PARAM_HAS_DEFAULT,
};

enum sriov_section {
	SRIOV_SECTION_PF,
	SRIOV_SECTION_VF,
};
#define SRIOV_SECTION_COUNT 2

/* Ethernet address length (IEEE 802). */
#define SRIOV_MAC_LEN 6
/* Highest usable 802.1Q VLAN ID; 4095 is reserved by IEEE 802.1Q. */
#define SRIOV_VLAN_ID_MAX 4094

struct sriov_vlan {
	bool trunk;       /* "trunk": the VF may tag freely, no port VLAN */
	uint16_t id;      /* port VLAN ID when !trunk */
};

/* One typed value; the parameter's type says which member is meaningful. */
union sriov_scalar {
	bool b;
	uint64_t u;
	const char *s;
	uint8_t mac[SRIOV_MAC_LEN];
	struct sriov_vlan vlan;
	unsigned int enum_index;
};

struct sriov_param {
	const char *name;
	enum sriov_type type;
	enum sriov_presence presence;
	union sriov_scalar def;          /* valid when SRIOV_PARAM_HAS_DEFAULT */
	uint64_t min, max;               /* uint types; both 0: the type's range */
	const char *const *enum_names;   /* SRIOV_TYPE_ENUM: NULL-terminated */
	const char *help;                /* one line, for -S and the man page */
};

struct sriov_param_table {
	const struct sriov_param *params;
	size_t count;
};

/* What one PF driver publishes: the DRIVER half of iovctl's schema. */
struct sriov_driver_schema {
	const char *driver;
	struct sriov_param_table section[SRIOV_SECTION_COUNT];
};

/* The full schema a configuration is checked against: generic + driver. */
struct sriov_schema {
	const struct sriov_driver_schema *driver;
};

/* Number of parameters in a section (generic ones first). */
size_t sriov_schema_count(const struct sriov_schema *schema, enum sriov_section sec);
/* The i-th parameter of a section, or NULL when i is out of range. */
const struct sriov_param *sriov_schema_param(const struct sriov_schema *schema,
					     enum sriov_section sec, size_t i);
/* Index of the parameter named @name (case-insensitive), or -ENOENT. */
int sriov_schema_find(const struct sriov_schema *schema, enum sriov_section sec,
		      const char *name);
/* Number of generic parameters of a section (they precede the driver's). */
size_t sriov_schema_generic_count(enum sriov_section sec);

/*
 * Checks a driver schema for bugs: a key that collides with a generic key or
 * repeats, a default outside its range, an empty enum. Returns 0 or -EINVAL
 * with a one-line reason in @why.
 */
int sriov_driver_schema_check(const struct sriov_driver_schema *drv, char *why, size_t why_len);

/* iovctl's type name as -S prints it ("uint16_t", "unicast-mac", ...). */
const char *sriov_type_name(enum sriov_type type);
/* The effective [min, max] of a uint parameter (schema range or type range). */
void sriov_param_range(const struct sriov_param *p, uint64_t *min, uint64_t *max);
/* Writes @v as a config-file literal ("true", "4", "02:00:00:00:00:01",
 * "trunk", "auto"); returns 0 or -ENOSPC. */
int sriov_scalar_format(const struct sriov_param *p, const union sriov_scalar *v,
			char *buf, size_t len);

#endif /* SRIOV_SCHEMA_H */
