/* carta-feed.h: a validated feed (format v1) from one source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "carta-text.h"

G_BEGIN_DECLS

#define CARTA_TYPE_FEED (carta_feed_get_type ())

G_DECLARE_FINAL_TYPE (CartaFeed, carta_feed, CARTA, FEED, GObject)

/* Feeds larger than this are refused before they are parsed. */
#define CARTA_FEED_MAX_SIZE (64 * 1024 * 1024)

/* The id of the catalog compiled into Carta. */
#define CARTA_BUNDLED_SOURCE_ID "carta"

/* Parses and validates a whole feed. On any problem returns NULL and sets
 * @error (domain CARTA_ERROR) to a message naming the JSON path, such as
 * "$.cases[3].birth_year: expected an integer". Nothing is half-loaded.
 * Every item's uid is "@source_id:id". */
CartaFeed   *carta_feed_new_from_bytes  (GBytes      *bytes,
                                         const char  *source_id,
                                         GError     **error);
/* The catalog compiled into Carta. */
CartaFeed   *carta_feed_new_bundled     (GError     **error);

const char  *carta_feed_get_source_id   (CartaFeed   *self);
CartaText   *carta_feed_get_title       (CartaFeed   *self);
const char  *carta_feed_get_homepage    (CartaFeed   *self);
/* GPtrArrays of CartaCampaign, CartaCase, CartaTarget, CartaTemplate, CartaRuleset. */
GPtrArray   *carta_feed_get_campaigns   (CartaFeed   *self);
GPtrArray   *carta_feed_get_cases       (CartaFeed   *self);
GPtrArray   *carta_feed_get_targets     (CartaFeed   *self);
GPtrArray   *carta_feed_get_templates   (CartaFeed   *self);
GPtrArray   *carta_feed_get_rulesets    (CartaFeed   *self);

G_END_DECLS
