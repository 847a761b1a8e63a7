module.exports=[73485,a=>{"use strict";a.s([])}];

//# sourceMappingURL=_next-internal_server_app_login_page_actions_04fnjo0ny9dmg.js.map