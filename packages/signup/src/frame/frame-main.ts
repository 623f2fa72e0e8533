// Entry of the production frame page (packages/signup/frame.html): the widget, then the frame logic.
// The sandbox variant is demo/frame.html, so no sandbox code ships here.
import '../define.js';
import { startFramePage } from './frame-page.js';

void startFramePage();
