module.exports=[96331,s=>{"use strict";s.s([])}];

//# sourceMappingURL=_next-internal_server_app_api_auth_register_route_actions_0g4vfdry2yf5i.js.map