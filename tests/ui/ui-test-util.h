/* ui-test-util.h: waiting, finding widgets and screenshots in UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Runs the main loop for @ms milliseconds. */
void        ui_test_wait_ms          (guint       ms);
/* Until @window has been drawn anew. */
void        ui_test_wait_for_frame   (GtkWindow  *window);
/* @window's contents as build/tests/screenshots/NAME.png. */
void        ui_test_save_screenshot  (GtkWindow  *window,
                                      const char *name);
void        ui_test_resize           (GtkWindow  *window,
                                      int         width,
                                      int         height);
/* The first widget of @type under @root, depth first, on show or not. */
GtkWidget  *ui_test_find_widget      (GtkWidget  *root,
                                      GType       type);
/* The first AdwPreferencesRow on show under @root titled @title. */
GtkWidget  *ui_test_find_row         (GtkWidget  *root,
                                      const char *title);
/* The first GtkButton on show under @root labelled @label. */
GtkWidget  *ui_test_find_button      (GtkWidget  *root,
                                      const char *label);
/* Type names of the focusable widgets on show under @root that have no
 * accessible name. */
GPtrArray  *ui_test_unnamed_controls (GtkWidget  *root);

G_END_DECLS
