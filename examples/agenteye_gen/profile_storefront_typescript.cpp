// Corpus for "storefront-web": a React + TypeScript shop front tested with Jest (prices, locales, cart state).
// Data only. Carries emoji, "€", a no-break space and ANSI colour escapes, as real Jest output does.
#include <iterator>

#include "agenteye_gen/project_profile.h"

namespace agentreel::gen {
namespace {

constexpr Goal kGoals[] = {
    {"Fix the failing CartSummary test: the French locale shows 42.5 € instead of 42,50 €", 0},
    {"The checkout button stays disabled after removing a coupon; fix it and add a test", 1},
    {"Migrate src/lib/money.ts from floats to integer cents without changing any rendered price", 0},
    {"Make the product search debounce 250 ms and cancel in-flight requests 🔎", 2},
    {"Upgrade react-query from v4 to v5 in src/hooks and keep all tests green", 2},
};

constexpr std::string_view kSourceFiles[] = {
    "src/components/CartSummary.tsx", "src/components/CheckoutButton.tsx", "src/lib/money.ts",
    "src/hooks/useCart.ts",           "src/hooks/useProductSearch.ts",     "src/api/client.ts",
};

constexpr std::string_view kTestFiles[] = {
    "src/components/__tests__/CartSummary.test.tsx",
    "src/components/__tests__/CheckoutButton.test.tsx",
    "src/lib/__tests__/money.test.ts",
    "src/hooks/__tests__/useProductSearch.test.ts",
};

constexpr std::string_view kCodeBlocks[] = {
    R"~(import { useMemo } from "react";
import { formatMoney, sumCents, type Cents } from "../lib/money";
import { useCart } from "../hooks/useCart";
import styles from "./CartSummary.module.css";)~",
    R"~(export interface CartSummaryProps {
  /** BCP 47 locale used for every price, e.g. "fr-FR" or "ja-JP". */
  locale: string;
  currency?: "EUR" | "USD" | "JPY";
  showTaxBreakdown?: boolean;
})~",
    R"~(export function CartSummary({ locale, currency = "EUR", showTaxBreakdown = false }: CartSummaryProps) {
  const { items, coupon } = useCart();
  const totalCents = useMemo(() => sumCents(items.map((item) => item.priceCents * item.quantity)), [items]);
  const discounted = coupon ? applyCoupon(totalCents, coupon) : totalCents;

  return (
    <section className={styles.summary} aria-label="Récapitulatif du panier">
      <p data-testid="cart-total">Total : {formatMoney(discounted / 100, locale, currency)}</p>
      {showTaxBreakdown && <TaxBreakdown cents={discounted} locale={locale} />}
      {items.length === 0 && <p className={styles.empty}>Votre panier est vide 🛒</p>}
    </section>
  );
})~",
    R"~(export type Cents = number & { readonly __brand: "Cents" };

export function formatMoney(amount: number, locale: string, currency: string): string {
  // BUG: toString() drops trailing zeros; Intl.NumberFormat should do the formatting.
  return `${amount.toString().replace(".", locale.startsWith("fr") ? "," : ".")} €`;
})~",
    R"~(export function sumCents(values: readonly number[]): Cents {
  let total = 0;
  for (const value of values) {
    if (!Number.isInteger(value)) throw new TypeError(`not an integer amount of cents: ${value}`);
    total += value;
  }
  return total as Cents;
})~",
    R"~(export function useProductSearch(query: string) {
  const [debounced, setDebounced] = useState(query);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(query), 250);
    return () => clearTimeout(timer);
  }, [query]);

  return useQuery({
    queryKey: ["products", debounced],
    queryFn: ({ signal }) => api.get<Product[]>(`/products?q=${encodeURIComponent(debounced)}`, { signal }),
    enabled: debounced.trim().length >= 2,
  });
})~",
    R"~(export function CheckoutButton({ disabled }: { disabled?: boolean }) {
  const { items, coupon, couponError } = useCart();
  const blocked = disabled || items.length === 0 || (coupon !== null && couponError !== null);
  return (
    <button type="submit" disabled={blocked} className={styles.checkout}>
      Commander ➜
    </button>
  );
})~",
};

constexpr std::string_view kTestCodeBlocks[] = {
    R"~(import { render, screen } from "@testing-library/react";
import { CartSummary } from "../CartSummary";
import { withCart } from "../../test/withCart";)~",
    R"~(describe("CartSummary", () => {
  it("shows the discounted total in euros", () => {
    withCart({ items: [{ sku: "MUG-01", priceCents: 2125, quantity: 2 }] });
    render(<CartSummary locale="fr-FR" />);
    const total = screen.getByTestId("cart-total");
    expect(total).toHaveTextContent("Total : 42,50 €");
  });
});)~",
    R"~(it("re-enables checkout after the coupon is removed", async () => {
  const user = userEvent.setup();
  withCart({ items: [mug], coupon: "SPRING-10", couponError: "expired" });
  render(<CheckoutButton />);
  await user.click(screen.getByRole("button", { name: /retirer le code/i }));
  expect(screen.getByRole("button", { name: /commander/i })).toBeEnabled();
});)~",
};

constexpr std::string_view kPassingTests[] = {
    "money › sumCents adds integer cents",
    "money › sumCents rejects fractional cents",
    "CartSummary › shows an empty-cart message",
    "CheckoutButton › is disabled with an empty cart",
    "useProductSearch › waits 250 ms before querying",
    "useCart › persists to localStorage",
};

constexpr TestFailure kFailures[] = {
    {"CartSummary › shows the discounted total in euros", "Expected \"Total : 42,50 €\", received \"Total : 42,5 €\"",
     "  \x1b[1m\x1b[31m● \x1b[22mCartSummary › shows the discounted total in euros\x1b[39m\n\n"
     R"~(    expect(element).toHaveTextContent()

    Expected element to have text content:
      Total : 42,50 €
    Received:
      Total : 42,5 €

      23 |     render(<CartSummary locale="fr-FR" />);
      24 |     const total = screen.getByTestId("cart-total");
    > 25 |     expect(total).toHaveTextContent("Total : 42,50 €");
         |                   ^
      26 |   });
      27 | });

      at Object.<anonymous> (src/components/__tests__/CartSummary.test.tsx:25:19))~"},
    {"CheckoutButton › re-enables checkout after the coupon is removed",
     "expected button to be enabled, but it is disabled",
     "  \x1b[1m\x1b[31m● \x1b[22mCheckoutButton › re-enables checkout after the coupon is removed\x1b[39m\n\n"
     R"~(    Received element is disabled:
      <button class="checkout" disabled="" type="submit" />

      31 |   await user.click(screen.getByRole("button", { name: /retirer le code/i }));
    > 32 |   expect(screen.getByRole("button", { name: /commander/i })).toBeEnabled();
         |                                                              ^

      at Object.<anonymous> (src/components/__tests__/CheckoutButton.test.tsx:32:62))~"},
    {"useProductSearch › cancels the previous request when the query changes",
     "expected abort() to have been called 1 time, but it was called 0 times",
     "  \x1b[1m\x1b[31m● \x1b[22museProductSearch › cancels the previous request when the query changes\x1b[39m\n\n"
     R"~(    expect(jest.fn()).toHaveBeenCalledTimes(expected)

    Expected number of calls: 1
    Received number of calls: 0

      48 |     rerender({ query: "tasse" });
      49 |     await act(() => jest.advanceTimersByTimeAsync(250));
    > 50 |     expect(abortSpy).toHaveBeenCalledTimes(1);
         |                      ^

      at Object.<anonymous> (src/hooks/__tests__/useProductSearch.test.ts:50:22))~"},
};

constexpr SourceEdit kEdits[] = {
    {"src/lib/money.ts",
     R"~(  // BUG: toString() drops trailing zeros; Intl.NumberFormat should do the formatting.
  return `${amount.toString().replace(".", locale.startsWith("fr") ? "," : ".")} €`;)~",
     R"~(  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(amount);)~",
     "`formatMoney` builds the string by hand and `toString()` drops the trailing zero. `Intl.NumberFormat` "
     "handles decimals, separators and the narrow no-break space before € for fr-FR."},
    {"src/components/CheckoutButton.tsx",
     R"~(  const blocked = disabled || items.length === 0 || (coupon !== null && couponError !== null);)~",
     R"~(  // couponError outlives the coupon in the store; only an applied coupon can block checkout.
  const blocked = disabled || items.length === 0 || (coupon != null && couponError != null);)~",
     "After removing the coupon, `coupon` becomes `undefined`, not `null`, so the strict comparison still "
     "blocks checkout. Loose `!= null` covers both."},
    {"src/hooks/useProductSearch.ts",
     R"~(    queryFn: ({ signal }) => api.get<Product[]>(`/products?q=${encodeURIComponent(debounced)}`, { signal }),)~",
     R"~(    queryFn: ({ signal }) =>
      api.get<Product[]>(`/products?q=${encodeURIComponent(debounced)}`, { signal, timeoutMs: 8000 }),)~",
     "The client ignores `signal` unless `timeoutMs` is set (see src/api/client.ts:41). Passing it through "
     "makes react-query's abort reach fetch."},
};

static_assert(std::size(kEdits) == std::size(kFailures), "edits[i] fixes failures[i]");

constexpr CannedCommand kCommands[] = {
    {"git status --short", "Show working tree status", " M src/lib/money.ts\n M src/components/CartSummary.tsx\n", 10,
     50},
    {"npx tsc --noEmit -p tsconfig.json", "Type-check the project", "", 4200, 11800},
    {"cat package.json | head -30", "Show package scripts",
     "{\n  \"name\": \"storefront-web\",\n  \"version\": \"3.14.0\",\n  \"private\": true,\n  \"scripts\": {\n"
     "    \"dev\": \"vite\",\n    \"build\": \"tsc -b && vite build\",\n    \"test\": \"jest\",\n"
     "    \"lint\": \"eslint src --max-warnings 0\"\n  },\n  \"dependencies\": {\n    \"@tanstack/react-query\": "
     "\"^4.36.1\",\n"
     "    \"react\": \"^18.3.1\",\n    \"react-dom\": \"^18.3.1\"\n  }\n}\n",
     6, 20},
    {"node -e \"console.log(new Intl.NumberFormat('fr-FR',{style:'currency',currency:'EUR'}).format(42.5))\"",
     "Check French currency formatting", "42,50\u00a0€\n", 40, 120},
    {"git log --oneline -5", "Show recent commits",
     "c0ffee1 cart: persist coupon in localStorage\n8a1d2e3 search: debounce input\n"
     "41b7a90 Bump @testing-library/react to 16\n9f0e6c2 checkout: disable while coupon invalid\n"
     "1d2c3b4 money: add sumCents\n",
     12, 45},
};

constexpr SearchExample kGreps[] = {
    {"formatMoney",
     "src/components/CartSummary.tsx:2:import { formatMoney, sumCents, type Cents } from \"../lib/money\";\n"
     "src/components/CartSummary.tsx:19:      <p data-testid=\"cart-total\">Total : {formatMoney(discounted / 100, "
     "locale, currency)}</p>\n"
     "src/components/TaxBreakdown.tsx:14:        {formatMoney(vatCents / 100, locale, \"EUR\")}\n"
     "src/lib/money.ts:3:export function formatMoney(amount: number, locale: string, currency: string): string {\n"
     "src/pages/OrderConfirmation.tsx:57:  const paid = formatMoney(order.totalCents / 100, i18n.language, "
     "order.currency);\n"},
    {"couponError",
     "src/hooks/useCart.ts:22:  couponError: string | null;\n"
     "src/hooks/useCart.ts:71:      set({ coupon: undefined, couponError: state.couponError });\n"
     "src/components/CheckoutButton.tsx:5:  const { items, coupon, couponError } = useCart();\n"},
    {"signal",
     "src/api/client.ts:41:  if (options.timeoutMs) init.signal = anySignal([options.signal, "
     "timeout(options.timeoutMs)]);\n"
     "src/hooks/useProductSearch.ts:12:    queryFn: ({ signal }) => "
     "api.get<Product[]>(`/products?q=${encodeURIComponent(debounced)}`, { signal }),\n"},
};

constexpr SearchExample kGlobs[] = {
    {"src/**/*.test.{ts,tsx}",
     "src/components/__tests__/CartSummary.test.tsx\nsrc/components/__tests__/CheckoutButton.test.tsx\n"
     "src/hooks/__tests__/useCart.test.ts\nsrc/hooks/__tests__/useProductSearch.test.ts\nsrc/lib/__tests__/"
     "money.test.ts\n"},
    {"src/lib/*.ts", "src/lib/dates.ts\nsrc/lib/money.ts\nsrc/lib/slug.ts\n"},
    {"src/components/**/*.tsx",
     "src/components/CartSummary.tsx\nsrc/components/CheckoutButton.tsx\nsrc/components/ProductCard.tsx\n"
     "src/components/SearchBox.tsx\nsrc/components/TaxBreakdown.tsx\n"},
};

constexpr Delegation kDelegations[] = {
    {"Find float money math",
     "Search src/ for arithmetic on prices stored as floats (priceCents / 100, toFixed, parseFloat on amounts). "
     "List file:line and what each does. Read-only; do not edit.",
     "7 places divide cents by 100 before formatting (all fine once formatMoney uses Intl); 2 real float sums: "
     "src/pages/OrderConfirmation.tsx:61 and src/lib/shipping.ts:18 add euro floats. No parseFloat on amounts."},
    {"Trace coupon state",
     "Follow how `coupon` and `couponError` change in src/hooks/useCart.ts when a coupon is removed, and report "
     "the exact values after removal.",
     "removeCoupon() sets coupon to undefined (not null) and keeps couponError (\"expired\"). CheckoutButton compares "
     "with !== null, so it still sees an error and stays disabled."},
};

constexpr ProjectProfile kProfile{
    .name = "storefront-web",
    .root = "/home/dev/storefront-web",
    .language = "TypeScript 5.4 / React 18",
    .branch = "fix/cart-money-format",
    .runner = TestRunner::jest,
    .test_command = "npx jest --ci",
    .focused_test_command = "npx jest --ci {test}",
    .lint_command = "npx eslint src --max-warnings 0",
    .lint_clean_output = "",
    .install_command = "npm ci",
    .install_output =
        "npm warn deprecated inflight@1.0.6: This module is not supported, and leaks memory.\n\n"
        "added 1184 packages, and audited 1185 packages in 14s\n\n212 packages are looking for funding\n"
        "  run `npm fund` for details\n\nfound 0 vulnerabilities\n",
    .sudo_install_command = "sudo npm install -g jest@29 && npm ci",
    .risky_cleanup_command = "rm -rf ~/.npm node_modules && npm ci",
    .safe_cleanup_command = "rm -rf node_modules && npm ci --prefer-offline",
    .goals = kGoals,
    .source_files = kSourceFiles,
    .test_files = kTestFiles,
    .regression_test_file = "src/lib/__tests__/money.regressions.test.ts",
    .code_blocks = kCodeBlocks,
    .test_code_blocks = kTestCodeBlocks,
    .passing_tests = kPassingTests,
    .failures = kFailures,
    .edits = kEdits,
    .commands = kCommands,
    .greps = kGreps,
    .globs = kGlobs,
    .delegations = kDelegations,
};

}  // namespace

const ProjectProfile& storefront_typescript_profile() { return kProfile; }

}  // namespace agentreel::gen
