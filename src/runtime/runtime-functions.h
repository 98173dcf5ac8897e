/*
 * runtime-functions.h: the functions bytecode reaches through CallRuntime (V8's %Foo).
 *
 * RUNTIME_FUNCTION_LIST(V): V(Name, argument count (-1: any)) with the meaning on the line.
 * The bytecode generator emits `CallRuntime Runtime_Name, rN, count`; the interpreter
 * dispatches through the table runtime/runtime.c builds from this list. Every runtime
 * function has the signature RuntimeFunction: it may allocate and throw (empty Handle).
 */
#ifndef KILN_RUNTIME_RUNTIME_FUNCTIONS_H_
#define KILN_RUNTIME_RUNTIME_FUNCTIONS_H_

#include "execution/isolate.h"
#include "runtime/runtime-test.h"

#define RUNTIME_FUNCTION_LIST(V)                                                        \
  /* Frame state (the current interpreter frame) */                                    \
  V(GetNewTarget, 0)          /* new.target of the current frame (undefined if [[Call]]) */ \
  V(GetActiveFunction, 0)     /* the closure running in the current frame */           \
  V(GetHomeObject, 1)         /* (closure): its [[HomeObject]], or undefined */        \
  /* Global and eval declarations (ES2025 16.1.7, 19.2.1.3) */                          \
  V(DeclareGlobals, 1)        /* (FixedArray of name, kind Smi pairs; kind: 0 var, 1    \
                                 function, 2 let, 3 const, 4 class): the checks of     \
                                 GlobalDeclarationInstantiation, then var bindings     \
                                 (undefined unless present), functions declared, and    \
                                 lexical bindings in TDZ in the script scope */         \
  V(DeclareGlobalFunction, 2) /* (name, closure): CreateGlobalFunctionBinding */        \
  V(InitializeLexicalGlobal, 2) /* (name, value): ends the TDZ of a top-level let/const/ \
                                 class binding */                                       \
  V(HasGlobalBinding, 1)      /* (name): HasBinding of the global Environment Record    \
                                 (script scope, then HasProperty of the global object) */ \
  V(ThrowNotDefined, 1)       /* (name): ReferenceError "name is not defined" */       \
  V(DeclareEvalVar, 1)        /* (name): a sloppy direct eval's var in its var scope */  \
  V(DeclareEvalFunction, 2)   /* (name, closure) */                                    \
  V(SetEvalVar, 2)            /* (name, value): Annex B.3.2.3 copy of a block function  \
                                 to a sloppy eval's var binding */                       \
  /* Errors */                                                                          \
  V(ThrowTypeError, 1)        /* (message string) */                                   \
  V(ThrowReferenceError, 1)   /* (message string) */                                   \
  V(ThrowSyntaxError, 1)      /* (message string) */                                   \
  V(ThrowIteratorResultNotAnObject, 1)                                                 \
  V(ThrowNotIterable, 1)      /* (value) */                                            \
  V(ThrowCalledNonCallable, 1) /* (value) */                                           \
  /* Objects and classes */                                                             \
  V(SetPrototypeForLiteral, 2) /* (object, proto): __proto__: v in a literal (ignored   \
                                 unless proto is an object or null) */                  \
  V(CreatePrivateName, 1)     /* (description string): a new private symbol */         \
  V(DefinePrivateMethod, 3)   /* (object, private name, closure): non-writable private \
                                 method; TypeError if present */                       \
  V(DefinePrivateAccessor, 4) /* (object, private name, getter|undefined,             \
                                 setter|undefined) */                                  \
  V(SetHomeObject, 2)         /* (closure, home object) */                             \
  V(ArrayPushSpread, 2)       /* (array, iterable): appends every iterated value */    \
  V(IteratorCloseQuiet, 1)    /* (iterator): IteratorClose for a throw completion:     \
                                 errors from return() are ignored */                    \
  V(ToPropertyKey, 1)                                                                  \
  V(CreateIterResultObject, 2) /* (value, done) */                                     \
  V(NewFunction, -1)          /* (params string, body string, kind Smi): CreateDynamicFunction */ \
  /* Added by the code generator (runtime/runtime-compiler.c) */                       \
  V(DefineClassMethod, 3)     /* (object, key, closure): a class method, non-enumerable */ \
  V(CheckEvalDeclarations, 1) /* (FixedArray of name, kind Smi pairs; kind: 0 var, 1    \
                                 function): a sloppy direct eval's checks of 19.2.1.3   \
                                 steps 3, 10 and 13 before any binding is created */  \
  V(ResolveLookupBinding, 1)  /* (name): the holder of a dynamic name's binding (a      \
                                 Context, a with/eval-var object, or undefined: global) \
                                 for an assignment resolved before its value */         \
  V(LoadLookupBinding, 2)     /* (holder, name): GetValue of that reference */         \
  V(StoreLookupBinding, 3)    /* (holder, name, value): PutValue (strictness of the     \
                                 calling frame); returns value */ \
  /* Generators and async functions (runtime/runtime-generators.c) */                  \
  V(CreateGeneratorObject, 0) /* the generator (or async generator) object of the current \
                                 frame: prototype from the closure's "prototype"; its   \
                                 save area sized for the frame */                       \
  V(GeneratorGetResumeMode, 1) /* (generator): the JSGeneratorResumeMode Smi of the last \
                                 resume */                                              \
  V(CreateAsyncFunctionObject, 0) /* the current async function frame's object and its  \
                                 promise */                                             \
  V(AsyncFunctionAwait, 2)    /* (async function object, value): Await's                \
                                 PerformPromiseThen(PromiseResolve(value)) resuming the  \
                                 object; returns its promise (throws) */                \
  V(AsyncFunctionResolve, 2)  /* (async function object, value): resolves its promise;  \
                                 returns the promise */                                 \
  V(AsyncFunctionReject, 2)   /* (async function object, reason): rejects it; returns it */ \
  V(AsyncGeneratorYield, 2)   /* (async generator, awaited value): answers the first     \
                                 request with { value, done: false } (27.6.3.8 step 8) */ \
  V(AsyncGeneratorBodyComplete, 3) /* (async generator, value, is_throw): the body       \
                                 returned value or threw it: answer, drain the queue */ \
  V(GetAsyncIterator, 1)      /* (object): GetIterator(obj, async), an async-from-sync   \
                                 iterator for a sync iterable (throws) */ \
  V(ConstructForwardingArguments, 2) /* (constructor, new.target): Construct with the   \
                                 calling frame's actual arguments (default derived     \
                                 constructors) */ \
  /* Explicit resource management (runtime/runtime-dispose.c) */                      \
  V(AddDisposableResource, 3) /* (capability, value, hint Smi 0 sync / 1 async): checks  \
                                 value and gets its dispose method; returns the         \
                                 capability with the resource on top (a new list when   \
                                 capability was undefined or full) */                  \
  V(DisposeResources, 3)      /* (capability, token, value): DisposeResources of a sync  \
                                 scope's resources with the completion token (-1: throw \
                                 value) of a finally; throws the combined error */      \
  V(DisposeBegin, 3)          /* (capability, token, value): starts an await using       \
                                 scope's DisposeResources with that completion; returns \
                                 the capability to keep (a list) */                     \
  V(DisposeStep, 1)           /* (capability): runs resources until one needs an Await:  \
                                 the value to await, or the hole when done */          \
  V(DisposeAwaitRejected, 2)  /* (capability, reason): an awaited dispose rejected */    \
  V(DisposeEnd, 1)            /* (capability): throws the completion's error, if any */ \
  V(LoadModuleImport, 1)      /* (Smi import index): a named import's live binding  \
                                 (runtime-modules.c); ReferenceError in its TDZ */     \
  V(GetImportMeta, 0)         /* the running module's import.meta */                 \
  V(DynamicImport, 3)         /* (specifier, options, Smi phase): import()'s promise */ \
  /* Natives: %Name(...) under --allow-natives-syntax (runtime/runtime-test.h) */        \
  NATIVES_LIST(V)

typedef enum {
#define V(name, argc) Runtime_##name,
  RUNTIME_FUNCTION_LIST(V)
#undef V
  kRuntimeFunctionCount
} RuntimeFunctionId;

/* args: argc slots the collector can see. */
typedef Handle (*RuntimeFunction)(Isolate *iso, int argc, Tagged *args);

/* Each runtime function is defined (in a runtime/runtime-*.c file) as
 *   RUNTIME_FUNCTION(Name) { ... args[0] ... }
 * with argc the count of argument slots at args. */
#define RUNTIME_FUNCTION(name) Handle runtime_fn_##name(Isolate *iso, int argc, Tagged *args)
#define V(name, argc) RUNTIME_FUNCTION(name);
RUNTIME_FUNCTION_LIST(V)
#undef V

const char *runtime_function_name(RuntimeFunctionId id);
int runtime_function_arity(RuntimeFunctionId id);
RuntimeFunction runtime_function(RuntimeFunctionId id);

#endif /* KILN_RUNTIME_RUNTIME_FUNCTIONS_H_ */
