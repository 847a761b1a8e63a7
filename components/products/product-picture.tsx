/* eslint-disable @next/next/no-img-element -- pictures come from our own API, already sized and cached by version; next/image's optimizer adds nothing */

/** A product's picture, or a neutral placeholder of the same size when it has none. */
export function ProductPicture({ url, alt, wide = false, className = "" }: { url: string | null; alt: string; wide?: boolean; className?: string }) {
  const frame = `${wide ? "aspect-[16/9]" : "aspect-[4/3]"} w-full overflow-hidden rounded-md bg-slate-100 ${className}`;
  if (!url) {
    return (
      <div className={`${frame} flex items-center justify-center text-slate-400`} data-testid="picture-placeholder">
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-10 w-10" fill="none" stroke="currentColor" strokeWidth="1.5">
          <rect x="3" y="5" width="18" height="14" rx="2" />
          <circle cx="9" cy="10" r="1.5" />
          <path d="M21 16l-5-5-8 8" />
        </svg>
        <span className="sr-only">No picture</span>
      </div>
    );
  }
  return (
    <div className={frame}>
      <img src={url} alt={alt} loading="lazy" decoding="async" className="h-full w-full object-contain" />
    </div>
  );
}
