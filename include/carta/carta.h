/* carta.h: the core of Carta (no GTK)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#define CARTA_INSIDE
#include "carta-error.h"
#include "carta-types.h"
#include "carta-text.h"
#include "carta-address.h"
#include "carta-entity.h"
#include "carta-channel.h"
#include "carta-case.h"
#include "carta-target.h"
#include "carta-template.h"
#include "carta-ruleset.h"
#include "carta-campaign.h"
#include "carta-feed.h"
#include "carta-catalog.h"
#include "carta-search.h"
#include "carta-language.h"
#include "carta-profile.h"
#include "carta-compose.h"
#include "carta-guidance.h"
#include "carta-analysis.h"
#include "carta-letter-options.h"
#include "carta-renderer.h"
#include "carta-spell.h"
#include "carta-network.h"
#include "carta-feed-source.h"
#include "carta-feed-manager.h"
#include "carta-reminders.h"
#include "carta-delivery.h"
#include "carta-submitter.h"
#include "carta-history.h"
#include "carta-outbox.h"
#include "carta-letter.h"
#include "carta-draft-store.h"
#include "carta-import.h"
#include "carta-people.h"
#undef CARTA_INSIDE
