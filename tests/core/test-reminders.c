/* test-reminders.c: birthdays and deadlines coming up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <carta/carta.h>
#include <carta/carta-reminders.h>

#include "carta-test-util.h"

static CartaCatalog *
load_catalog (void)
{
  g_autoptr(CartaFeed) feed = carta_test_load_good_feed ("test");
  CartaCatalog *catalog = carta_catalog_new ();

  carta_catalog_add_feed (catalog, feed);
  return catalog;
}

static void
test_upcoming (void)
{
  g_autoptr(CartaCatalog) catalog = load_catalog ();
  g_autoptr(GPtrArray) reminders = NULL;
  GDate today;
  CartaReminder *first, *second;

  /* Ivanov's birthday is 1 December; the campaign's deadline 10 December. */
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 10, G_DATE_NOVEMBER, 2026);
  reminders = carta_reminders_upcoming (catalog, &today, 45);
  g_assert_cmpuint (reminders->len, ==, 2);

  first = g_ptr_array_index (reminders, 0);
  g_assert_cmpint (first->kind, ==, CARTA_REMINDER_BIRTHDAY);
  g_assert_cmpstr (carta_entity_get_id (first->entity), ==, "ivanov");
  g_assert_cmpint (g_date_get_year (&first->date), ==, 2026);
  /* Two weeks for the post: write by 17 November. */
  g_assert_cmpint (g_date_get_day (&first->write_before), ==, 17);
  g_assert_cmpint (first->days_left, ==, 7);

  second = g_ptr_array_index (reminders, 1);
  g_assert_cmpint (second->kind, ==, CARTA_REMINDER_DEADLINE);
  g_assert_true (CARTA_IS_CAMPAIGN (second->entity));
  g_assert_cmpint (second->days_left, ==, 30);
  g_clear_pointer (&reminders, g_ptr_array_unref);

  /* Too far ahead for both. */
  reminders = carta_reminders_upcoming (catalog, &today, 10);
  g_assert_cmpuint (reminders->len, ==, 0);
  g_clear_pointer (&reminders, g_ptr_array_unref);

  /* After the deadline and the birthday: next year's birthday only. */
  g_date_set_dmy (&today, 20, G_DATE_DECEMBER, 2026);
  reminders = carta_reminders_upcoming (catalog, &today, 365);
  g_assert_cmpuint (reminders->len, ==, 1);
  first = g_ptr_array_index (reminders, 0);
  g_assert_cmpint (g_date_get_year (&first->date), ==, 2027);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/reminders/upcoming", test_upcoming);

  return g_test_run ();
}
