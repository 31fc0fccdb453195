import { element } from '../../../element.js';
import { t } from '../../../i18n.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** What a QR code is drawn with; anything else (script, foreignObject, images, links) is dropped. */
const DRAWING = new Set(['svg', 'g', 'path', 'rect', 'circle', 'polygon', 'title', 'desc']);
/** Presentation a QR needs, kept when it came as a `style` attribute (which the pages' CSP forbids). */
const STYLE_PROPERTIES = new Set(['fill', 'stroke', 'stroke-width', 'fill-opacity', 'shape-rendering']);

/**
 * The API's QR code (`enrollmentQrSvg`, SVG markup) as a node of this page: parsed as
 * `image/svg+xml` — never as HTML, never through innerHTML — then kept to drawing elements and
 * attributes (no `on…`, no links, no inline style; a style's colours become attributes), and
 * imported. Undefined when the markup is not an SVG.
 * @param {string} markup @param {string} label what the picture says, for screen readers
 */
export const qrNode = (markup, label) => {
  const parsed = new window.DOMParser().parseFromString(markup, 'image/svg+xml');
  const root = parsed.documentElement;
  if (parsed.getElementsByTagName('parsererror').length > 0 || root.namespaceURI !== SVG_NS || root.localName !== 'svg') return undefined;
  for (const node of [root, ...root.querySelectorAll('*')]) {
    if (node.namespaceURI !== SVG_NS || !DRAWING.has(node.localName)) {
      node.remove();
      continue;
    }
    for (const attribute of [...node.attributes]) {
      const name = attribute.name.toLowerCase();
      if (name === 'style') {
        for (const declaration of attribute.value.split(';')) {
          const [property, value] = declaration.split(':').map((part) => part?.trim() ?? '');
          if (property && value && STYLE_PROPERTIES.has(property) && /^[#a-z0-9.%() ,-]+$/i.test(value)) node.setAttribute(property, value);
        }
        node.removeAttribute(attribute.name);
      } else if (name.startsWith('on') || name.endsWith('href') || name === 'class') node.removeAttribute(attribute.name);
    }
  }
  const svg = /** @type {SVGSVGElement} */ (document.importNode(root, true));
  for (const title of svg.querySelectorAll('title, desc')) title.remove();
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.setAttribute('class', 'enrollment-qr');
  svg.setAttribute('focusable', 'false');
  return svg;
};

/** Marks one enrolment as what is printed, and asks the browser to print; unmarked after. @param {HTMLElement} box */
const printOnly = (box) => {
  for (const other of document.querySelectorAll('[data-print-target]')) other.removeAttribute('data-print-target');
  box.setAttribute('data-print-target', '');
  document.body.setAttribute('data-printing', 'qr');
  window.addEventListener(
    'afterprint',
    () => {
      document.body.removeAttribute('data-printing');
      box.removeAttribute('data-print-target');
    },
    { once: true },
  );
  window.print();
};

/**
 * What an official gives the person: the code, the link with the code in its fragment, the QR, and a
 * Print button whose page shows only the QR and the code (the print stylesheet in quarantine.css).
 * @param {{ caseId: string, enrollmentCode: string, enrollmentUrl: string, enrollmentQrSvg: string, endsAt?: string }} issued
 * @param {{ heading: string, headingLevel?: 'h2' | 'h3', id: string }} options
 */
export const enrollmentBox = (issued, { heading, headingLevel = 'h3', id }) => {
  const qr = qrNode(issued.enrollmentQrSvg, t('console.quarantine.enrol.qrLabel', { code: issued.enrollmentCode }));
  const print = element('button', { type: 'button', class: 'button enrollment-screen-only', 'data-print-qr': '' }, [t('console.quarantine.enrol.print')]);
  const box = element('section', { class: 'enrollment', 'aria-labelledby': `${id}-title`, 'data-enrollment': issued.caseId }, [
    element(headingLevel, { id: `${id}-title` }, [heading]),
    element('p', { class: 'enrollment-print-note' }, [t('console.quarantine.enrol.printNote')]),
    element('p', { class: 'enrollment-code-label' }, [t('console.quarantine.enrol.code')]),
    element('p', { class: 'enrollment-code', 'data-enrollment-code': '', lang: 'en' }, [issued.enrollmentCode]),
    ...(qr ? [qr] : [element('p', { class: 'field-error enrollment-screen-only' }, [t('console.quarantine.enrol.noQr')])]),
    element('p', { class: 'enrollment-screen-only' }, [t('console.quarantine.enrol.link'), ' ', element('a', { href: issued.enrollmentUrl, class: 'enrollment-link', 'data-enrollment-url': '' }, [issued.enrollmentUrl])]),
    element('p', { class: 'field-hint enrollment-screen-only' }, [t('console.quarantine.enrol.once')]),
    element('div', { class: 'form-actions enrollment-screen-only' }, [print]),
  ]);
  print.addEventListener('click', () => printOnly(box));
  return box;
};
