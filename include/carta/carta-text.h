/* carta-text.h: a text in several languages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CARTA_TYPE_TEXT (carta_text_get_type ())

/* An immutable-after-construction map from a language tag ("ru", "be",
 * "pt-BR") to a string. English ("en") is the source language of the
 * bundled catalog. */
typedef struct _CartaText CartaText;

GType         carta_text_get_type       (void) G_GNUC_CONST;
CartaText    *carta_text_new            (void);
CartaText    *carta_text_ref            (CartaText          *text);
void          carta_text_unref          (CartaText          *text);
void          carta_text_set            (CartaText          *text,
                                         const char         *lang,
                                         const char         *value);
const char   *carta_text_get            (const CartaText    *text,
                                         const char         *lang);
const char   *carta_text_lookup         (const CartaText    *text,
                                         const char * const *langs);
const char   *carta_text_get_ui         (const CartaText    *text);
gboolean      carta_text_has            (const CartaText    *text,
                                         const char         *lang);
guint         carta_text_get_n_languages (const CartaText   *text);
GStrv         carta_text_dup_languages  (const CartaText    *text);
void          carta_text_foreach        (const CartaText    *text,
                                         GHFunc              func,
                                         gpointer            user_data);

const char * const *carta_ui_languages  (void);
char         *carta_language_normalize  (const char         *locale_name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartaText, carta_text_unref)

G_END_DECLS
