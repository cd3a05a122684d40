/* vigie-fuzz.h: what every fuzz target shares
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "vigie-snapshot.h"

G_BEGIN_DECLS

/* libFuzzer's entry point; declared here because -Wmissing-prototypes would
 * otherwise reject its definition in each target. */
int        LLVMFuzzerTestOneInput (const uint8_t *data,
                                   size_t         size);

void       vigie_fuzz_init              (void);
GDateTime *vigie_fuzz_now               (void);
void       vigie_fuzz_check_snapshot    (VigieSnapshot *snapshot);

G_END_DECLS
