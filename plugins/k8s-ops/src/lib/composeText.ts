import {
  ComposeVariable,
  composeServiceNames,
  composeVariables,
} from '@k8s-ops/plugin-k8s-ops-common';
import { parse } from 'yaml';

/** What pasted Compose text offers: its services and the variables of one, or why it cannot be read. */
export interface ComposeOutline {
  services: string[];
  variables: ComposeVariable[];
  error?: string;
}

/**
 * Reads pasted Compose text for the form: the services to pick from and
 * the variables the chosen one refers to. The backend reads it again,
 * in full, when it is previewed or deployed.
 */
export function outlineCompose(text: string, service?: string): ComposeOutline {
  if (!text.trim()) {
    return { services: [], variables: [] };
  }
  try {
    const document = parse(text, { prettyErrors: false });
    const services = composeServiceNames(document);
    let picked = service && services.includes(service) ? service : undefined;
    if (!picked && services.length === 1) {
      picked = services[0];
    }
    return {
      services,
      variables: picked ? composeVariables(document, picked) : [],
    };
  } catch (error) {
    return {
      services: [],
      variables: [],
      error: error instanceof Error ? error.message : String(error),
    };
  }
}
