module.exports=[15993,a=>{"use strict";a.s([])}];

//# sourceMappingURL=_next-internal_server_app_register_page_actions_1op-s-xpplkgy.js.map