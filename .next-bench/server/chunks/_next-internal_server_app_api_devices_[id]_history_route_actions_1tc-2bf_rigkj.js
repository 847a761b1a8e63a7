module.exports=[96217,s=>{"use strict";s.s([])}];

//# sourceMappingURL=_next-internal_server_app_api_devices_%5Bid%5D_history_route_actions_1tc-2bf_rigkj.js.map