module.exports=[66215,s=>{"use strict";s.s([])}];

//# sourceMappingURL=_next-internal_server_app_api_auth_token_route_actions_1o0o59mlog4zx.js.map