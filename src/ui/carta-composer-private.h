/* carta-composer-private.h: what the composer's tests may reach
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "carta-composer.h"
#include "carta-send-page.h"

G_BEGIN_DECLS

GtkTextView *carta_composer_get_editor           (CartaComposer *self);
GtkListBox  *carta_composer_get_issues_list      (CartaComposer *self);
GtkBox      *carta_composer_get_translation_box  (CartaComposer *self);
GtkBox      *carta_composer_get_pages_box        (CartaComposer *self);
GtkWidget   *carta_composer_get_risk_note        (CartaComposer *self);
GtkLabel    *carta_composer_get_meter_label      (CartaComposer *self);
/* The spelling suggestions the context menu offers at the cursor. */
GMenuModel  *carta_composer_get_spell_menu       (CartaComposer *self);
/* The guidance the letter is checked against, or NULL. */
CartaRuleset *carta_composer_get_ruleset         (CartaComposer *self);
/* The check buttons of the optional paragraphs. */
GtkBox      *carta_composer_get_paragraphs_box   (CartaComposer *self);
/* The preview step's ways out: print, save, copy, email. */
CartaSendPage *carta_composer_get_send_page     (CartaComposer *self);
/* Checks the text now instead of after the typing pause. */
void         carta_composer_analyze_now          (CartaComposer *self);

G_END_DECLS
