/* carta-reminders.c: birthdays and deadlines coming up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "carta-campaign.h"
#include "carta-case.h"
#include "carta-reminders.h"

void
carta_reminder_free (CartaReminder *reminder)
{
  if (reminder == NULL)
    return;

  g_clear_object (&reminder->entity);
  g_free (reminder);
}

/* The next birthday on or after @today; 29 February is kept on the 28th
 * in other years. */
static void
next_birthday (const GDate *birth,
               const GDate *today,
               GDate       *out)
{
  GDateYear year = g_date_get_year (today);

  for (guint i = 0; i < 2; i++, year++)
    {
      GDateDay day = g_date_get_day (birth);
      GDateMonth month = g_date_get_month (birth);

      if (month == G_DATE_FEBRUARY && day == 29 && !g_date_is_leap_year (year))
        day = 28;

      g_date_clear (out, 1);
      g_date_set_dmy (out, day, month, year);
      if (g_date_compare (out, today) >= 0)
        return;
    }
}

static void
add (GPtrArray         *reminders,
     CartaReminderKind  kind,
     gpointer           entity,
     const GDate       *date,
     guint              postal_days,
     const GDate       *today)
{
  CartaReminder *reminder = g_new0 (CartaReminder, 1);

  reminder->kind = kind;
  reminder->entity = g_object_ref (entity);
  reminder->date = *date;
  reminder->write_before = *date;
  g_date_subtract_days (&reminder->write_before, postal_days);
  reminder->days_left = g_date_days_between (today, &reminder->write_before);
  g_ptr_array_add (reminders, reminder);
}

static int
compare_reminders (gconstpointer a,
                   gconstpointer b)
{
  const CartaReminder *x = *(CartaReminder * const *) a;
  const CartaReminder *y = *(CartaReminder * const *) b;

  return g_date_compare (&x->write_before, &y->write_before);
}

GPtrArray *
carta_reminders_upcoming (CartaCatalog *catalog,
                          const GDate  *today,
                          guint         days_ahead)
{
  GPtrArray *reminders = g_ptr_array_new_with_free_func ((GDestroyNotify) carta_reminder_free);
  GListModel *cases, *campaigns;
  GDate horizon;

  g_return_val_if_fail (CARTA_IS_CATALOG (catalog), reminders);
  g_return_val_if_fail (today != NULL && g_date_valid (today), reminders);

  horizon = *today;
  g_date_add_days (&horizon, days_ahead);

  cases = carta_catalog_get_cases (catalog);
  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(CartaCase) person = g_list_model_get_item (cases, i);
      GDate *birth = carta_case_get_birth_date (person);
      GDate next;

      if (birth == NULL || !carta_case_get_can_receive_letters (person))
        continue;

      next_birthday (birth, today, &next);
      if (g_date_compare (&next, &horizon) <= 0)
        add (reminders, CARTA_REMINDER_BIRTHDAY, person, &next, CARTA_REMINDER_POSTAL_DAYS, today);
    }

  campaigns = carta_catalog_get_campaigns (catalog);
  for (guint i = 0; i < g_list_model_get_n_items (campaigns); i++)
    {
      g_autoptr(CartaCampaign) campaign = g_list_model_get_item (campaigns, i);
      GDate *deadline = carta_campaign_get_deadline (campaign);

      if (deadline != NULL && g_date_compare (deadline, today) >= 0 && g_date_compare (deadline, &horizon) <= 0)
        add (reminders, CARTA_REMINDER_DEADLINE, campaign, deadline, 0, today);
    }

  g_ptr_array_sort (reminders, compare_reminders);
  return reminders;
}
