/**
 * The admin account from ADMIN_EMAIL / ADMIN_PASSWORD (created once; its password is never
 * reset afterwards) and, only with SEED_DEMO_DATA=1 (`npm run demo`), a demo customer and a few
 * dozen devices across several published products. Safe to run again: it upserts by email,
 * product (type, model) and serial.
 */
import { configOrExit } from "@/lib/config";
import { db } from "@/lib/db";
import { ensureAdmin } from "@/lib/auth/users";
import { hashPassword } from "@/lib/auth/passwords";
import { logger } from "@/lib/logger";

export const DEMO_CUSTOMER = { email: "customer@example.com", password: "customer-demo-password", name: "Casey Customer" };

export const DEMO_PRODUCTS = [
  {
    type: "sensor", model: "TH-100", name: "Temperature & Humidity Sensor", price: "49.90", count: 12,
    description: "Battery-powered indoor and outdoor climate sensor for cold rooms, greenhouses and warehouses; reports every minute for years on one coin cell.",
    specifications: { range: "-40..85 °C", battery: "CR2477" },
  },
  {
    type: "gateway", model: "GW-500", name: "LoRaWAN Gateway", price: "349.00", count: 6,
    description: "Eight-channel LoRaWAN gateway that connects hundreds of field sensors to the console over Ethernet or LTE.",
    specifications: { channels: 8, backhaul: "Ethernet/LTE" },
  },
  {
    type: "tracker", model: "GT-20", name: "GPS Asset Tracker", price: "89.50", count: 10,
    description: "Rugged GPS and Galileo tracker for vehicles, containers and tools, with geofence alerts and a long-life battery.",
    specifications: { gnss: "GPS+Galileo", battery: "2600 mAh" },
  },
  {
    type: "controller", model: "EC-10", name: "Edge Controller", price: "599.99", count: 4,
    description: "Industrial edge computer that runs local rules and buffers telemetry when the uplink is down.",
    specifications: { cpu: "4x ARM A53", ram: "2 GB" },
  },
  {
    type: "sensor", model: "AQ-7", name: "Air Quality Monitor", price: "129.00", count: 8,
    description: "Measures fine dust, CO2 and volatile organic compounds in offices, schools and workshops.",
    specifications: { sensors: ["PM2.5", "CO2", "VOC"] },
  },
];

export async function seed() {
  const { ADMIN_EMAIL, ADMIN_PASSWORD, SEED_DEMO_DATA } = configOrExit();
  const { user: admin, created: adminCreated } = await ensureAdmin(ADMIN_EMAIL, ADMIN_PASSWORD);
  if (SEED_DEMO_DATA !== "1") {
    logger().info({ admin: admin.email, adminCreated }, "seeded the admin account; no demo data");
    return;
  }
  const customerHash = await hashPassword(DEMO_CUSTOMER.password);
  await db().user.upsert({
    where: { email: DEMO_CUSTOMER.email },
    create: { email: DEMO_CUSTOMER.email, name: DEMO_CUSTOMER.name, role: "CUSTOMER", passwordHash: customerHash },
    update: {},
  });
  let created = 0;
  for (const product of DEMO_PRODUCTS) {
    // The shop's entry, published; an admin's later edits are kept on a re-run.
    await db().product.upsert({
      where: { type_model: { type: product.type, model: product.model } },
      create: { type: product.type, model: product.model, name: product.name, description: product.description, specifications: product.specifications, published: true },
      update: {},
    });
    for (let n = 1; n <= product.count; n++) {
      const serialNumber = `${product.model}-${String(n).padStart(5, "0")}`;
      const exists = await db().device.findUnique({ where: { serialNumber }, select: { id: true } });
      if (exists) continue;
      await db().device.create({
        data: {
          serialNumber,
          name: product.name,
          type: product.type,
          model: product.model,
          price: product.price,
          description: product.description,
          specifications: product.specifications,
        },
      });
      created++;
    }
  }
  logger().info({ admin: admin.email, customer: DEMO_CUSTOMER.email, devices: created }, "seeded demo data");
}

// Also true for the compiled dist/scripts/seed.js (scripts/build-workers.mjs).
if (/seed\.[cm]?[jt]s$/.test(process.argv[1] ?? "")) {
  seed()
    .then(() => db().$disconnect())
    .catch((error) => {
      logger().error({ err: error }, "seed failed");
      process.exit(1);
    });
}
