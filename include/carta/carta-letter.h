/* carta-letter.h: a letter being written (a draft)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CARTA_TYPE_LETTER (carta_letter_get_type ())

/* The format carta_letter_to_json writes, and the largest draft read back. */
#define CARTA_LETTER_FORMAT_VERSION  1
#define CARTA_LETTER_MAX_JSON_SIZE   (1024 * 1024)

G_DECLARE_FINAL_TYPE (CartaLetter, carta_letter, CARTA, LETTER, GObject)

/* Every setter that changes something updates "modified" and emits the
 * "changed" signal (no arguments) once; setting the same value is silent. */

/* A new letter with a fresh random id. The uids name catalog items
 * ("source:id"); any of them may be NULL. */
CartaLetter        *carta_letter_new                     (const char   *campaign_uid,
                                                          const char   *case_uid,
                                                          const char   *target_uid,
                                                          const char   *template_uid);

const char         *carta_letter_get_id                  (CartaLetter  *self);
const char         *carta_letter_get_campaign_uid        (CartaLetter  *self);
const char         *carta_letter_get_case_uid            (CartaLetter  *self);
const char         *carta_letter_get_target_uid          (CartaLetter  *self);
const char         *carta_letter_get_template_uid        (CartaLetter  *self);

/* The letter's language ("ru"), independent of the UI's. */
const char         *carta_letter_get_language            (CartaLetter  *self);
void                carta_letter_set_language            (CartaLetter  *self,
                                                          const char   *language);
const char         *carta_letter_get_profile_id          (CartaLetter  *self);
void                carta_letter_set_profile_id          (CartaLetter  *self,
                                                          const char   *profile_id);
/* Ids of the template's optional paragraphs the writer switched on. */
const char * const *carta_letter_get_enabled_paragraphs  (CartaLetter  *self);
void                carta_letter_set_enabled_paragraphs  (CartaLetter  *self,
                                                          const char * const *paragraph_ids);
/* Values the writer typed for placeholders: "case_name_dative" → "…". */
const char         *carta_letter_get_value               (CartaLetter  *self,
                                                          const char   *placeholder);
void                carta_letter_set_value               (CartaLetter  *self,
                                                          const char   *placeholder,
                                                          const char   *value);
GStrv               carta_letter_dup_value_names         (CartaLetter  *self);
const char         *carta_letter_get_subject             (CartaLetter  *self);
void                carta_letter_set_subject             (CartaLetter  *self,
                                                          const char   *subject);
/* The body as the writer sees it: paragraphs separated by blank lines. */
const char         *carta_letter_get_body                (CartaLetter  *self);
void                carta_letter_set_body                (CartaLetter  *self,
                                                          const char   *body);
/* Where the writer was: the composer's step and the cursor in the body. */
const char         *carta_letter_get_step                (CartaLetter  *self);
void                carta_letter_set_step                (CartaLetter  *self,
                                                          const char   *step);
gint                carta_letter_get_cursor              (CartaLetter  *self);
void                carta_letter_set_cursor              (CartaLetter  *self,
                                                          gint          cursor);
/* When the letter was created and last changed. */
GDateTime          *carta_letter_get_created             (CartaLetter  *self);
GDateTime          *carta_letter_get_modified            (CartaLetter  *self);

/* Serialization for the draft store: a JSON object with "version": 1.
 * Reading is strict: a draft that is not valid UTF-8, larger than
 * CARTA_LETTER_MAX_JSON_SIZE, not JSON, of another version, or with a
 * member of the wrong type fails with a CARTA_ERROR naming the problem. */
char               *carta_letter_to_json                 (CartaLetter  *self);
CartaLetter        *carta_letter_new_from_json           (const char   *json,
                                                          gssize        length,
                                                          GError      **error);

/* Newest first: a negative number when @a was modified after @b (ties are
 * ordered by id, so the order is total). A GCompareFunc for letters. */
gint                carta_letter_compare_newest_first    (gconstpointer a,
                                                          gconstpointer b);

G_END_DECLS
