/**
 * A quirk of PHP stores the simulator can show: display_errors on, so a warning or notice the script raised is
 * printed before the JSON body it then writes, in PHP's HTML form (app.ts prints it before a success answer),
 * and one PHP raises as the request shuts down after it (a session it cannot write) is printed after it.
 * @module
 */

/** The warning PHP prints for an undefined array key, as display_errors and html_errors write it. */
export const PHP_WARNING = '<br />\n<b>Warning</b>:  Undefined array key "lang" in ' +
  "<b>/var/www/html/api/index.php</b> on line <b>42</b><br />\n";

/** The warning PHP prints at shutdown, after the script's output, when it cannot write the session's file. */
export const PHP_SHUTDOWN_WARNING =
  "<br />\n<b>Warning</b>:  Unknown: Failed to write session data (files). " +
  "Please verify that the current setting of session.save_path is correct (/var/lib/php/sessions) in " +
  "<b>Unknown</b> on line <b>0</b><br />\n";
