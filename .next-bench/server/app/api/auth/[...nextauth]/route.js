var R=require("../../../../chunks/[turbopack]_runtime.js")("server/app/api/auth/[...nextauth]/route.js")
R.c("server/chunks/[externals]__01qhri6d8p-3e._.js")
R.c("server/chunks/_0xrnuwmugxlnp._.js")
R.c("server/chunks/_0u8mex665f6d6._.js")
R.c("server/chunks/[root-of-the-server]__18qqyeyantra3._.js")
R.c("server/chunks/_0cfpjpjitjuy0._.js")
R.c("server/chunks/_next-internal_server_app_api_auth_[___nextauth]_route_actions_08nexdks3z54l.js")
R.m(59061)
module.exports=R.m(59061).exports
