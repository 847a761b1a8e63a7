/** Where the chosen theme is kept; absent means "follow the system". */
export const THEME_KEY = "device-store-theme";

/** Runs before first paint so a chosen theme never flashes the other one. */
export const THEME_BOOT_SCRIPT = `try{var t=localStorage.getItem("${THEME_KEY}");if(t==="light"||t==="dark")document.documentElement.dataset.theme=t}catch(e){}`;
