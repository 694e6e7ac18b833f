/* carta-reminders.h: birthdays and deadlines coming up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "carta-catalog.h"

G_BEGIN_DECLS

typedef enum {
  CARTA_REMINDER_BIRTHDAY,
  CARTA_REMINDER_DEADLINE,
} CartaReminderKind;

/* Letters to prisons take about two weeks to arrive. */
#define CARTA_REMINDER_POSTAL_DAYS 14

typedef struct
{
  CartaReminderKind  kind;
  /* A CartaCase (birthday) or CartaCampaign (deadline). */
  CartaEntity       *entity;
  /* The birthday or the deadline. */
  GDate              date;
  /* The day to write by: two weeks before a birthday, the deadline itself. */
  GDate              write_before;
  /* Days from today to write_before; negative when it has passed. */
  gint               days_left;
} CartaReminder;

void       carta_reminder_free        (CartaReminder *reminder);

/* Birthdays of people who can receive letters, and campaign deadlines,
 * whose date falls within @days_ahead days from @today; sorted by the day
 * to write by. Returns a GPtrArray of CartaReminder. */
GPtrArray *carta_reminders_upcoming   (CartaCatalog  *catalog,
                                       const GDate   *today,
                                       guint          days_ahead);

G_END_DECLS
