module.exports=[49508,s=>{"use strict";s.s([])}];

//# sourceMappingURL=_next-internal_server_app_api_devices_%5Bid%5D_status_route_actions_0q2t8hq8zhiz6.js.map