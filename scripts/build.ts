/**
 * `npm run build`: the widget and the console, in one process so that an
 * up-to-date build costs one start of tsx. Each skips itself when nothing it
 * reads has changed.
 */
import "./build-widget";
import "./build-console";
