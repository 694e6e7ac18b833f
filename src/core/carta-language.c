/* carta-language.c: dates, lists and names in a letter's language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "carta-language.h"

typedef struct
{
  const char *lang;
  const char *autonym;
  const char *script;
  /* Month names as a date needs them (genitive where the language has it). */
  const char *months[12];
  /* printf format taking the day, the month name and the year, in that order. */
  const char *date_format;
  const char *and_word;
} LanguageInfo;

static const LanguageInfo languages[] = {
  { "en", "English", "Latn",
    { "January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December" },
    "%d %s %d", " and " },
  { "ru", "русский", "Cyrl",
    { "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
      "октября", "ноября", "декабря" },
    "%d %s %d г.", " и " },
  { "be", "беларуская", "Cyrl",
    { "студзеня", "лютага", "сакавіка", "красавіка", "мая", "чэрвеня", "ліпеня", "жніўня",
      "верасня", "кастрычніка", "лістапада", "снежня" },
    "%d %s %d г.", " і " },
  { "uk", "українська", "Cyrl",
    { "січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня",
      "жовтня", "листопада", "грудня" },
    "%d %s %d р.", " і " },
  { "pl", "polski", "Latn",
    { "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
      "września", "października", "listopada", "grudnia" },
    "%d %s %d", " i " },
  { "lt", "lietuvių", "Latn",
    { "sausio", "vasario", "kovo", "balandžio", "gegužės", "birželio", "liepos", "rugpjūčio",
      "rugsėjo", "spalio", "lapkričio", "gruodžio" },
    NULL /* year first: see below */, " ir " },
  { "ka", "ქართული", "Geor",
    { "იანვარი", "თებერვალი", "მარტი", "აპრილი", "მაისი", "ივნისი", "ივლისი", "აგვისტო",
      "სექტემბერი", "ოქტომბერი", "ნოემბერი", "დეკემბერი" },
    "%d %s, %d", " და " },
  { "de", "Deutsch", "Latn",
    { "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
      "Oktober", "November", "Dezember" },
    "%d. %s %d", " und " },
  { "fr", "français", "Latn",
    { "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
      "octobre", "novembre", "décembre" },
    "%d %s %d", " et " },
  { "es", "español", "Latn",
    { "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
      "octubre", "noviembre", "diciembre" },
    "%d de %s de %d", " y " },
  { "he", "עברית", "Hebr",
    { "בינואר", "בפברואר", "במרץ", "באפריל", "במאי", "ביוני", "ביולי", "באוגוסט", "בספטמבר",
      "באוקטובר", "בנובמבר", "בדצמבר" },
    "%d %s %d", NULL /* "ו" is a prefix: see below */ },
};

static const LanguageInfo *
find_language (const char *lang)
{
  g_autofree char *base = NULL;
  const char *dash;

  if (lang == NULL)
    return NULL;

  dash = strchr (lang, '-');
  base = dash ? g_strndup (lang, dash - lang) : g_strdup (lang);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_str_equal (languages[i].lang, base))
      return &languages[i];

  return NULL;
}

char *
carta_language_format_date (const char *lang,
                            GDateTime  *date)
{
  const LanguageInfo *info = find_language (lang);
  int day, month, year;

  g_return_val_if_fail (date != NULL, NULL);

  if (info == NULL)
    info = find_language ("en");

  g_date_time_get_ymd (date, &year, &month, &day);

  if (g_str_equal (info->lang, "lt"))
    return g_strdup_printf ("%d m. %s %d d.", year, info->months[month - 1], day);

  return g_strdup_printf (info->date_format, day, info->months[month - 1], year);
}

char *
carta_language_join_list (const char         *lang,
                          const char * const *items)
{
  const LanguageInfo *info = find_language (lang);
  g_autoptr(GString) str = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (items != NULL, NULL);

  if (info == NULL)
    info = find_language ("en");

  n = g_strv_length ((char **) items);
  for (guint i = 0; i < n; i++)
    {
      if (i > 0 && i == n - 1)
        {
          if (info->and_word != NULL)
            g_string_append (str, info->and_word);
          else
            g_string_append (str, " ו"); /* Hebrew joins "and" to the next word */
        }
      else if (i > 0)
        g_string_append (str, ", ");
      g_string_append (str, items[i]);
    }

  return g_string_free (g_steal_pointer (&str), FALSE);
}

const char *
carta_language_get_autonym (const char *lang)
{
  const LanguageInfo *info = find_language (lang);

  return info ? info->autonym : NULL;
}

gboolean
carta_language_is_rtl (const char *lang)
{
  static const char * const rtl[] = { "he", "ar", "fa", "ur", "yi", NULL };
  g_autofree char *base = NULL;
  const char *dash;

  if (lang == NULL)
    return FALSE;

  dash = strchr (lang, '-');
  base = dash ? g_strndup (lang, dash - lang) : g_strdup (lang);
  return g_strv_contains (rtl, base);
}

const char *
carta_language_get_script (const char *lang)
{
  const LanguageInfo *info = find_language (lang);

  return info ? info->script : NULL;
}
