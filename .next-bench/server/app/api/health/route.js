var R=require("../../../chunks/[turbopack]_runtime.js")("server/app/api/health/route.js")
R.c("server/chunks/[externals]__1sdtz66e3viu2._.js")
R.c("server/chunks/[root-of-the-server]__0_940rwt90n11._.js")
R.c("server/chunks/node_modules_next_1zdbrneapig6o._.js")
R.c("server/chunks/[root-of-the-server]__18qqyeyantra3._.js")
R.c("server/chunks/_next-internal_server_app_api_health_route_actions_1ryftkbeskq31.js")
R.m(61370)
module.exports=R.m(61370).exports
