module.exports=[10529,s=>{"use strict";s.s([])}];

//# sourceMappingURL=_next-internal_server_app_api_devices_%5Bid%5D_route_actions_0ts3hnr01p20f.js.map