// Entry of the production frame page (packages/signup/frame.html): the widget, then the frame logic.
// The sandbox variant is demo/frame.html, so no sandbox code ships here.
import '../define.js';
import { startFramePage } from './frame-page.js';

// The page is served beside the API it belongs to (memberkit-server serves /frame.html and /v1
// from one origin), so it talks to /v1 on its own origin. Never from a URL parameter: the
// member's token goes where this points.
void startFramePage({ apiBase: new URL('/v1', location.href).href });
