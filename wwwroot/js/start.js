// Starts Blazor on interactive pages (App.razor loads blazor.web.js with autostart="false"): reconnect attempts every
// two seconds for two minutes, long enough to ride out a server restart; reconnect.js says what is going on meanwhile.
import "./reconnect.js";

Blazor.start({
  circuit: {
    reconnectionOptions: {
      maxRetries: 60,
      retryIntervalMilliseconds: 2000,
    },
  },
});
