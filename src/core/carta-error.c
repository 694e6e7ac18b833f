/* carta-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "carta-error.h"

G_DEFINE_QUARK (carta-error-quark, carta_error)
