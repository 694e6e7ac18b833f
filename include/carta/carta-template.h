/* carta-template.h: a letter template
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "carta-entity.h"
#include "carta-text.h"
#include "carta-types.h"

G_BEGIN_DECLS

#define CARTA_TYPE_TEMPLATE (carta_template_get_type ())

G_DECLARE_FINAL_TYPE (CartaTemplate, carta_template, CARTA, TEMPLATE, CartaEntity)

typedef struct
{
  char      *id;
  /* Optional paragraphs are offered to the writer as toggles. */
  gboolean   optional;
  gboolean   enabled_by_default;
  CartaText *text;
} CartaParagraph;

CartaLetterKind     carta_template_get_kind           (CartaTemplate *self);
CartaAddresseeRole  carta_template_get_addressee_role (CartaTemplate *self);
CartaText          *carta_template_get_title          (CartaTemplate *self);
CartaText          *carta_template_get_subject        (CartaTemplate *self);
/* The paragraphs in order: CartaParagraph structs owned by the template. */
GPtrArray          *carta_template_get_paragraphs     (CartaTemplate *self);
CartaText          *carta_template_get_closing        (CartaTemplate *self);
/* The limits are 0 when the template sets none. */
guint               carta_template_get_max_words      (CartaTemplate *self);
guint               carta_template_get_max_pages      (CartaTemplate *self);
/* The languages in which every part of the template is present. */
const char * const *carta_template_get_languages      (CartaTemplate *self);
gboolean            carta_template_has_language       (CartaTemplate *self,
                                                       const char    *lang);

/* The placeholders a template may use, e.g. "{recipient_name}". */
const char * const *carta_template_known_placeholders (void);
/* Every "{name}" in @text, in order of first use; NULL and @error set on
 * an unknown or malformed placeholder. */
GPtrArray          *carta_template_parse_placeholders (const char    *text,
                                                       GError       **error);

G_END_DECLS
