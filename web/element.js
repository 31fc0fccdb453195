/**
 * Building DOM nodes without innerHTML: text from the API (store names, addresses, problem details)
 * always lands as text, never as markup, and nothing needs an inline style or script.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * @param {string} tag
 * @param {Record<string, string | undefined>} [attributes] an undefined value leaves the attribute out
 * @param {(Node | string)[]} [children]
 */
export const element = (tag, attributes = {}, children = []) => {
  const node = document.createElement(tag);
  setAttributes(node, attributes);
  node.append(...children);
  return node;
};

/**
 * @param {string} tag
 * @param {Record<string, string | number | undefined>} [attributes]
 * @param {(Node | string)[]} [children]
 */
export const svgElement = (tag, attributes = {}, children = []) => {
  const node = document.createElementNS(SVG_NS, tag);
  setAttributes(node, attributes);
  node.append(...children);
  return node;
};

/** @param {Element} node @param {Record<string, string | number | undefined>} attributes */
const setAttributes = (node, attributes) => {
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) node.setAttribute(name, String(value));
};
