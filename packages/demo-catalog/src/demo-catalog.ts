/**
 * The demo catalog seeded into an empty store (`SEED=demo`). Ordered as the shop displays it:
 * flash-sale items first, then the categories mixed.
 *
 * Flash-sale items have a small stock and a `maxPerOrder` limit (the numbered pair also one per
 * customer); every other product has `maxPerOrder: null`. One product is sold out (stock 0) to show that state.
 */
export type DemoProduct = {
  slug: string;
  sku: string;
  name: string;
  description: string;
  category: string;
  priceCents: number;
  stock: number;
  maxPerOrder: number | null;
  /** "N per customer", counted across all of a customer's orders (DESIGN §13). */
  maxPerCustomer?: number;
  imageUrl: string;
};

const img = (slug: string): string => `/images/products/${slug}.svg`;

export const demoCatalog: readonly DemoProduct[] = [
  // --- Flash sale ---
  {
    slug: 'retro-high-og-crimson',
    sku: 'SNK-RHO-001',
    name: "Retro High OG 'Crimson'",
    description:
      'A limited re-release of the 1985 high-top in full-grain leather with a crimson overlay. Numbered box, one pair per customer.',
    category: 'sneakers',
    priceCents: 17999,
    stock: 8,
    maxPerOrder: 1,
    maxPerCustomer: 1,
    imageUrl: img('retro-high-og-crimson'),
  },
  {
    slug: 'studio-wireless-headphones',
    sku: 'AUD-STW-001',
    name: 'Studio Wireless Headphones',
    description:
      'Over-ear headphones with adaptive noise cancelling and 40 hours of battery life. Folds flat into the included hard case.',
    category: 'audio',
    priceCents: 24999,
    stock: 12,
    maxPerOrder: 2,
    imageUrl: img('studio-wireless-headphones'),
  },
  {
    slug: 'handheld-console-oled',
    sku: 'GAM-HHC-001',
    name: 'Handheld Console OLED',
    description:
      'A portable console with a 7-inch OLED screen, 512 GB of storage and detachable controllers. Launch-day allocation.',
    category: 'games',
    priceCents: 34999,
    stock: 5,
    maxPerOrder: 1,
    imageUrl: img('handheld-console-oled'),
  },
  {
    slug: 'ultralight-2p-tent',
    sku: 'OUT-ULT-2P-001',
    name: 'Ultralight 2-Person Tent',
    description:
      'A freestanding three-season tent that packs down to 1.3 kg. Two doors, two vestibules and a fully taped fly.',
    category: 'outdoor',
    priceCents: 32999,
    stock: 6,
    maxPerOrder: 2,
    imageUrl: img('ultralight-2p-tent'),
  },

  // --- Catalog ---
  {
    slug: 'aero-runner-knit',
    sku: 'SNK-AERO-001',
    name: 'Aero Runner Knit',
    description:
      'A lightweight daily running shoe with a breathable knit upper and a responsive foam midsole.',
    category: 'sneakers',
    priceCents: 12999,
    stock: 140,
    maxPerOrder: null,
    imageUrl: img('aero-runner-knit'),
  },
  {
    slug: 'ceramic-pour-over-set',
    sku: 'HOM-POS-001',
    name: 'Ceramic Pour-Over Set',
    description:
      'A hand-glazed dripper with a matching 600 ml carafe. Uses standard #2 paper filters.',
    category: 'home',
    priceCents: 4499,
    stock: 85,
    maxPerOrder: null,
    imageUrl: img('ceramic-pour-over-set'),
  },
  {
    slug: 'noise-cancelling-earbuds',
    sku: 'AUD-NCE-001',
    name: 'Noise-Cancelling Earbuds',
    description:
      'True wireless earbuds with active noise cancelling, a transparency mode and a wireless charging case.',
    category: 'audio',
    priceCents: 14999,
    stock: 120,
    maxPerOrder: null,
    imageUrl: img('noise-cancelling-earbuds'),
  },
  {
    slug: 'daypack-28l',
    sku: 'OUT-DPK-28L-001',
    name: 'Trail Daypack 28 L',
    description:
      'A water-resistant daypack with a ventilated back panel, hip belt pockets and a hydration sleeve.',
    category: 'outdoor',
    priceCents: 8999,
    stock: 95,
    maxPerOrder: null,
    imageUrl: img('daypack-28l'),
  },
  {
    slug: 'pro-wireless-controller',
    sku: 'GAM-PWC-001',
    name: 'Pro Wireless Controller',
    description:
      'A wireless controller with Hall-effect sticks, two remappable back buttons and a 30-hour battery.',
    category: 'games',
    priceCents: 6999,
    stock: 160,
    maxPerOrder: null,
    imageUrl: img('pro-wireless-controller'),
  },
  {
    slug: 'court-classic-low',
    sku: 'SNK-CCL-001',
    name: 'Court Classic Low',
    description:
      'A clean leather low-top with a cupsole and a padded collar. Goes with everything.',
    category: 'sneakers',
    priceCents: 8999,
    stock: 180,
    maxPerOrder: null,
    imageUrl: img('court-classic-low'),
  },
  {
    slug: 'brass-desk-lamp',
    sku: 'HOM-BDL-001',
    name: 'Brass Desk Lamp',
    description:
      'An adjustable desk lamp with a brushed brass arm and a warm, dimmable LED. Back in stock soon.',
    category: 'home',
    priceCents: 8999,
    stock: 0,
    maxPerOrder: null,
    imageUrl: img('brass-desk-lamp'),
  },
  {
    slug: 'portable-bluetooth-speaker',
    sku: 'AUD-PBS-001',
    name: 'Portable Bluetooth Speaker',
    description:
      'A rugged, waterproof speaker with 360-degree sound and 20 hours of playback. Floats, too.',
    category: 'audio',
    priceCents: 7999,
    stock: 150,
    maxPerOrder: null,
    imageUrl: img('portable-bluetooth-speaker'),
  },
  {
    slug: 'down-sleeping-bag',
    sku: 'OUT-DSB-001',
    name: 'Down Sleeping Bag -5 °C',
    description:
      'A mummy bag filled with 650-fill responsibly sourced down. Comfortable to -5 °C and packs to the size of a loaf of bread.',
    category: 'outdoor',
    priceCents: 22999,
    stock: 40,
    maxPerOrder: null,
    imageUrl: img('down-sleeping-bag'),
  },
  {
    slug: 'mechanical-keyboard-tkl',
    sku: 'GAM-MKB-TKL-001',
    name: 'Mechanical Keyboard TKL',
    description:
      'A tenkeyless keyboard with hot-swappable linear switches, PBT keycaps and a detachable USB-C cable.',
    category: 'games',
    priceCents: 12999,
    stock: 75,
    maxPerOrder: null,
    imageUrl: img('mechanical-keyboard-tkl'),
  },
  {
    slug: 'stoneware-mug-set',
    sku: 'HOM-SMS-4-001',
    name: 'Stoneware Mug Set of 4',
    description: 'Four 350 ml mugs in a speckled reactive glaze. Dishwasher and microwave safe.',
    category: 'home',
    priceCents: 3999,
    stock: 110,
    maxPerOrder: null,
    imageUrl: img('stoneware-mug-set'),
  },
  {
    slug: 'trail-grip-gtx',
    sku: 'SNK-TGG-001',
    name: 'Trail Grip GTX',
    description: 'A waterproof trail shoe with a rock plate and deep lugs for wet, rocky ground.',
    category: 'sneakers',
    priceCents: 15999,
    stock: 60,
    maxPerOrder: null,
    imageUrl: img('trail-grip-gtx'),
  },
  {
    slug: 'bookshelf-speaker-pair',
    sku: 'AUD-BSP-001',
    name: 'Bookshelf Speakers (Pair)',
    description:
      'Powered two-way speakers with a 5-inch woofer, Bluetooth and a phono input. Sold as a pair.',
    category: 'audio',
    priceCents: 29999,
    stock: 35,
    maxPerOrder: null,
    imageUrl: img('bookshelf-speaker-pair'),
  },
  {
    slug: 'insulated-bottle-1l',
    sku: 'OUT-IBT-1L-001',
    name: 'Insulated Bottle 1 L',
    description:
      'A double-wall stainless steel bottle that keeps drinks cold for 24 hours or hot for 12.',
    category: 'outdoor',
    priceCents: 3499,
    stock: 200,
    maxPerOrder: null,
    imageUrl: img('insulated-bottle-1l'),
  },
  {
    slug: 'precision-gaming-mouse',
    sku: 'GAM-PGM-001',
    name: 'Precision Gaming Mouse',
    description: 'A 58 g wireless mouse with a 26,000 DPI optical sensor and PTFE feet.',
    category: 'games',
    priceCents: 7999,
    stock: 130,
    maxPerOrder: null,
    imageUrl: img('precision-gaming-mouse'),
  },
  {
    slug: 'linen-throw-blanket',
    sku: 'HOM-LTB-001',
    name: 'Linen Throw Blanket',
    description: 'A stonewashed linen throw, 130 x 170 cm, that gets softer with every wash.',
    category: 'home',
    priceCents: 6999,
    stock: 70,
    maxPerOrder: null,
    imageUrl: img('linen-throw-blanket'),
  },
  {
    slug: 'canvas-slip-on',
    sku: 'SNK-CSO-001',
    name: 'Canvas Slip-On',
    description: 'An easy canvas slip-on with elastic side gores and a vulcanized rubber sole.',
    category: 'sneakers',
    priceCents: 5499,
    stock: 190,
    maxPerOrder: null,
    imageUrl: img('canvas-slip-on'),
  },
  {
    slug: 'usb-condenser-microphone',
    sku: 'AUD-UCM-001',
    name: 'USB Condenser Microphone',
    description:
      'A cardioid USB-C microphone with a headphone output and zero-latency monitoring. For podcasts and calls.',
    category: 'audio',
    priceCents: 11999,
    stock: 55,
    maxPerOrder: null,
    imageUrl: img('usb-condenser-microphone'),
  },
  {
    slug: 'carbon-trekking-poles',
    sku: 'OUT-CTP-001',
    name: 'Carbon Trekking Poles',
    description: 'A pair of three-section carbon poles with cork grips and quick-lock adjustment.',
    category: 'outdoor',
    priceCents: 12999,
    stock: 45,
    maxPerOrder: null,
    imageUrl: img('carbon-trekking-poles'),
  },
  {
    slug: 'retro-arcade-stick',
    sku: 'GAM-RAS-001',
    name: 'Retro Arcade Stick',
    description:
      'A full-size arcade stick with a ball-top lever and eight clicky buttons. Works with PC and consoles.',
    category: 'games',
    priceCents: 14999,
    stock: 30,
    maxPerOrder: null,
    imageUrl: img('retro-arcade-stick'),
  },
  {
    slug: 'cast-iron-skillet-26',
    sku: 'HOM-CIS-26-001',
    name: 'Cast Iron Skillet 26 cm',
    description:
      'A pre-seasoned cast iron skillet for searing, baking and everything between. Oven safe.',
    category: 'home',
    priceCents: 4999,
    stock: 90,
    maxPerOrder: null,
    imageUrl: img('cast-iron-skillet-26'),
  },
  {
    slug: 'daily-trainer-2',
    sku: 'SNK-DT2-001',
    name: 'Daily Trainer 2',
    description:
      'A cushioned all-rounder for gym sessions and easy runs, with a wider toe box than its predecessor.',
    category: 'sneakers',
    priceCents: 10999,
    stock: 100,
    maxPerOrder: null,
    imageUrl: img('daily-trainer-2'),
  },
  {
    slug: 'compact-camp-stove',
    sku: 'OUT-CCS-001',
    name: 'Compact Camp Stove',
    description:
      'A 75 g canister stove with a piezo igniter that boils a litre of water in about four minutes.',
    category: 'outdoor',
    priceCents: 5999,
    stock: 65,
    maxPerOrder: null,
    imageUrl: img('compact-camp-stove'),
  },
  {
    slug: 'belt-drive-turntable',
    sku: 'AUD-BDT-001',
    name: 'Belt-Drive Turntable',
    description:
      'A two-speed turntable with a built-in switchable preamp and a pre-mounted cartridge.',
    category: 'audio',
    priceCents: 34999,
    stock: 20,
    maxPerOrder: null,
    imageUrl: img('belt-drive-turntable'),
  },
  {
    slug: 'controller-charging-dock',
    sku: 'GAM-CCD-001',
    name: 'Controller Charging Dock',
    description:
      'Charges two controllers at once over USB-C, with LEDs that show the charge state.',
    category: 'games',
    priceCents: 2999,
    stock: 150,
    maxPerOrder: null,
    imageUrl: img('controller-charging-dock'),
  },
  {
    slug: 'soy-wax-candle-trio',
    sku: 'HOM-SWC-3-001',
    name: 'Soy Wax Candle Trio',
    description:
      'Three hand-poured candles in cedar, fig and sea salt. About 40 hours of burn each.',
    category: 'home',
    priceCents: 3499,
    stock: 120,
    maxPerOrder: null,
    imageUrl: img('soy-wax-candle-trio'),
  },
  {
    slug: 'suede-skate-pro',
    sku: 'SNK-SSP-001',
    name: 'Suede Skate Pro',
    description: 'A durable suede skate shoe with a reinforced ollie area and a grippy gum sole.',
    category: 'sneakers',
    priceCents: 7999,
    stock: 85,
    maxPerOrder: null,
    imageUrl: img('suede-skate-pro'),
  },
];
