/**
 * Where a customer follows a parcel, per carrier: data, not code. `{n}` is the tracking number.
 * Matched by the carrier name an admin typed, case- and space-insensitively, or by an alias.
 */
export const CARRIERS: { name: string; aliases: string[]; url: string }[] = [
  { name: "DHL", aliases: ["dhl express", "dhl parcel"], url: "https://www.dhl.com/global-en/home/tracking/tracking-parcel.html?submit=1&tracking-id={n}" },
  { name: "UPS", aliases: [], url: "https://www.ups.com/track?tracknum={n}" },
  { name: "FedEx", aliases: ["fed ex"], url: "https://www.fedex.com/fedextrack/?trknbr={n}" },
  { name: "PostNord", aliases: ["post nord"], url: "https://www.postnord.se/en/our-tools/track-and-trace?shipmentId={n}" },
  { name: "La Poste", aliases: ["colissimo"], url: "https://www.laposte.fr/outils/suivre-vos-envois?code={n}" },
  { name: "USPS", aliases: [], url: "https://tools.usps.com/go/TrackConfirmAction?tLabels={n}" },
  { name: "Royal Mail", aliases: [], url: "https://www.royalmail.com/track-your-item#/tracking-results/{n}" },
  { name: "DPD", aliases: [], url: "https://tracking.dpd.de/status/en_US/parcel/{n}" },
  { name: "GLS", aliases: [], url: "https://gls-group.com/track/{n}" },
  { name: "Deutsche Post", aliases: ["dhl paket"], url: "https://www.deutschepost.de/sendung/simpleQueryResult.html?form.sendungsnummer={n}" },
  { name: "Österreichische Post", aliases: ["post.at", "austrian post", "post at"], url: "https://www.post.at/s/sendungsdetails?snr={n}" },
  { name: "PostNL", aliases: [], url: "https://jouw.postnl.nl/track-and-trace/{n}" },
];

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, " ").trim();

/** The carrier's public tracking page for this parcel, or null for a carrier we do not know. */
export function trackingUrl(carrier: string, trackingNumber: string): string | null {
  const c = norm(carrier);
  const match = CARRIERS.find((k) => norm(k.name) === c || k.aliases.includes(c));
  return match ? match.url.replace("{n}", encodeURIComponent(trackingNumber)) : null;
}
