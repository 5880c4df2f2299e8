/**
 * A quirk of PHP stores the simulator can show: display_errors on, so a warning or notice the script raised is
 * printed before the JSON body it then writes, in PHP's HTML form (app.ts prints it before a success answer).
 * @module
 */

/** The warning PHP prints for an undefined array key, as display_errors and html_errors write it. */
export const PHP_WARNING = '<br />\n<b>Warning</b>:  Undefined array key "lang" in ' +
  "<b>/var/www/html/api/index.php</b> on line <b>42</b><br />\n";
