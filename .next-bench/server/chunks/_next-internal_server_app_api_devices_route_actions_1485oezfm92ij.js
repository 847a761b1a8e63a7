module.exports=[22559,s=>{"use strict";s.s([])}];

//# sourceMappingURL=_next-internal_server_app_api_devices_route_actions_1485oezfm92ij.js.map